import { reportDicomwebRefusals } from './reportDicomwebRefusals.js';
import { captureChunkRequire } from './captureChunkRequire.js';
import { discoverHostModules } from './discoverHostModules.js';
import { HostBridgeError } from './HostBridgeError.js';
import { captureHostAuthorization, type UserAuthenticationService } from './waitForHostAuthorization.js';
import { HOST_MODULES, REQUIRED_HOST_MODULES, hasExpectedShape } from './hostModules.js';
import { getHostRegistry, type HostRegistry, type HostModuleSource } from './hostRegistry.js';
import { readOfficialGlobals } from './readOfficialGlobals.js';
import { showWhenNotificationsReady, type NotificationService } from './showWhenNotificationsReady.js';
import { SUPPORTED_OHIF_VERSIONS } from './supportedHosts.js';

/** What OHIF hands every extension's preRegistration; only the parts the bridge uses. */
export interface HostContext {
  servicesManager?: {
    services?: { uiNotificationService?: NotificationService; userAuthenticationService?: UserAuthenticationService };
  };
  appConfig?: {
    peerImport?: (name: string) => Promise<unknown>;
    readingroom?: { hostVersion?: string };
    /** OHIF's identity provider settings; present when the viewer signs users in. */
    oidc?: unknown[];
    /** Called by OHIF's DICOMweb data source when a request fails (reportDicomwebRefusals). */
    httpErrorHandler?: (error: { status?: number; response?: unknown }) => void;
  };
}

export interface BridgeEnvironment {
  scope: Record<string, unknown>;
  console: Pick<Console, 'error' | 'info'>;
}

const defaultEnvironment = (): BridgeEnvironment => ({
  scope: globalThis as unknown as Record<string, unknown>,
  console,
});

// OHIF 3.13 publishes cornerstone as window globals once its cornerstone extension has loaded.
const LEGACY_CORNERSTONE_GLOBALS: Record<string, string> = {
  '@cornerstonejs/core': 'cornerstone',
  '@cornerstonejs/tools': 'cornerstoneTools',
};

/**
 * Resolves the host singletons our plugins are built against: official runtime globals first
 * (OHIF 3.14+), OHIF 3.13 discovery second, and a loud, specific failure third.
 * Idempotent: the second plugin on a page finds them already resolved.
 */
export async function resolveHostModules(
  context: HostContext,
  environment: BridgeEnvironment = defaultEnvironment(),
): Promise<HostRegistry> {
  const { scope } = environment;
  const registry = getHostRegistry(scope);
  registry.hostVersion = context.appConfig?.readingroom?.hostVersion ?? registry.hostVersion;
  captureHostAuthorization(context, registry);
  registry.notifications ??= context.servicesManager?.services?.uiNotificationService;
  reportDicomwebRefusals(context.appConfig);
  const isOhifCore = identityOfOhifCore(context);

  const accept = (found: Map<string, unknown>, source: HostModuleSource) => {
    for (const [name, module] of found) {
      if (registry.modules.has(name)) continue;
      if (name === '@ohif/core' && !isOhifCore(module)) continue;
      registry.modules.set(name, module);
      registry.sources.set(name, source);
    }
  };
  const missing = () => HOST_MODULES.filter(name => !registry.modules.has(name));

  accept(readOfficialGlobals(scope, missing()), 'official');

  if (missing().some(name => name in LEGACY_CORNERSTONE_GLOBALS)) {
    await loadCornerstoneExtension(context, environment);
    accept(readLegacyCornerstone(scope), 'discovered');
  }
  if (missing().some(name => !(name in LEGACY_CORNERSTONE_GLOBALS))) {
    const require = captureChunkRequire(scope);
    if (require) accept(discoverHostModules(require, { isOhifCore }), 'discovered');
  }

  const missingRequired = REQUIRED_HOST_MODULES.filter(name => !registry.modules.has(name));
  if (missingRequired.length > 0) {
    const error = new HostBridgeError(missingRequired, registry.hostVersion, SUPPORTED_OHIF_VERSIONS);
    reportBridgeFailure(error, context, environment);
    throw error;
  }
  return registry;
}

function identityOfOhifCore(context: HostContext) {
  const servicesManager = context.servicesManager;
  return (candidate: unknown): boolean => {
    if (!servicesManager) return true;
    const ServicesManager = (candidate as { ServicesManager?: unknown }).ServicesManager;
    return typeof ServicesManager === 'function' && servicesManager instanceof (ServicesManager as new () => unknown);
  };
}

async function loadCornerstoneExtension(context: HostContext, environment: BridgeEnvironment) {
  try {
    await context.appConfig?.peerImport?.('@ohif/extension-cornerstone');
  } catch (error) {
    environment.console.error('ReadingRoom host bridge: loading @ohif/extension-cornerstone failed', error);
  }
}

function readLegacyCornerstone(scope: Record<string, unknown>): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [name, globalName] of Object.entries(LEGACY_CORNERSTONE_GLOBALS)) {
    const candidate = scope[globalName];
    if (hasExpectedShape(name, candidate)) found.set(name, candidate);
  }
  return found;
}

function reportBridgeFailure(error: HostBridgeError, context: HostContext, environment: BridgeEnvironment) {
  environment.console.error(error.message);
  const document = environment.scope.document as Document | undefined;
  try {
    showWhenNotificationsReady(
      context.servicesManager?.services?.uiNotificationService,
      { title: 'ReadingRoom could not start', message: error.message, type: 'error', autoClose: false, duration: 0 },
      () => (document?.getElementById('root')?.childElementCount ?? 0) > 0,
    );
  } catch {
    // The console error above already names the problem.
  }
}
