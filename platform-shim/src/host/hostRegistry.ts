import type { NotificationService } from './showWhenNotificationsReady.js';
import type { HostAuthorization } from './waitForHostAuthorization.js';

/** How a host module was obtained; shown in diagnostics. */
export type HostModuleSource = 'official' | 'discovered';

export interface HostRegistry {
  readonly modules: Map<string, unknown>;
  readonly sources: Map<string, HostModuleSource>;
  hostVersion: string;
  /** What the host said about sign-in (captureHostAuthorization); the API client takes its token from here. */
  authorization?: HostAuthorization;
  /** The host's notification service, for messages the user must see (showAccessDenied). */
  notifications?: NotificationService;
  /** Used by the externals of every built plugin: `globalThis.__readingroomHostV1__.require("react")`. */
  require(name: string): unknown;
}

/** The property on globalThis that built plugins read their externals from. Versioned so two layouts never mix. */
export const HOST_REGISTRY_GLOBAL = '__readingroomHostV1__';

/**
 * One registry per page, shared by every ReadingRoom plugin file, so a host module is
 * resolved once and all plugins use the same React, the same @ohif/core, the same cornerstone.
 */
export function getHostRegistry(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): HostRegistry {
  const existing = scope[HOST_REGISTRY_GLOBAL] as HostRegistry | undefined;
  if (existing) return existing;
  const modules = new Map<string, unknown>();
  const registry: HostRegistry = {
    modules,
    sources: new Map(),
    hostVersion: 'unknown',
    require(name) {
      if (!modules.has(name)) {
        throw new Error(
          `ReadingRoom host bridge: "${name}" was used before the bridge resolved it. ` +
            'Plugin code that imports host modules must load after preRegistration resolved the host.',
        );
      }
      return modules.get(name);
    },
  };
  Object.defineProperty(scope, HOST_REGISTRY_GLOBAL, { value: registry, configurable: true });
  return registry;
}
