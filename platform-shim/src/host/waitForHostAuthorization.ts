import { getHostRegistry, type HostRegistry } from './hostRegistry.js';

/** The part of OHIF's `userAuthenticationService` the shim uses. */
export interface UserAuthenticationService {
  getAuthorizationHeader(): Record<string, string> | undefined | void;
}

export interface HostAuthorization {
  /** The viewer signs in with an identity provider (app-config `oidc`): API requests need its token. */
  required: boolean;
  service?: UserAuthenticationService;
}

interface AuthorizationContext {
  servicesManager?: { services?: { userAuthenticationService?: UserAuthenticationService } };
  appConfig?: { oidc?: unknown[] };
}

/** Keeps what the host tells preRegistration about sign-in, for the API client (called by resolveHostModules). */
export function captureHostAuthorization(context: AuthorizationContext, registry: HostRegistry): void {
  const service = context.servicesManager?.services?.userAuthenticationService;
  const required = Array.isArray(context.appConfig?.oidc) && context.appConfig.oidc.length > 0;
  if (service || required) registry.authorization = { required, service };
}

export interface WaitOptions {
  registry?: HostRegistry;
  /** How often to look for the signed-in user while the host signs in. */
  pollMs?: number;
  /** Give up waiting after this long and send without a token (the server then answers 401, clearly). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The Authorization header for an API request, from the host's signed-in user. OHIF sets its
 * user only after the sign-in redirect completes, which can be after our plugins started: when
 * sign-in is required, wait for it rather than send a request that is bound to be refused.
 * Read on every request, so a renewed token is used as soon as the host has it.
 */
export async function waitForHostAuthorization(options: WaitOptions = {}): Promise<Record<string, string> | undefined> {
  const authorization = (options.registry ?? getHostRegistry()).authorization;
  if (!authorization) return undefined;
  const pollMs = options.pollMs ?? 100;
  const sleep = options.sleep ?? (ms => new Promise<void>(resolve => globalThis.setTimeout(resolve, ms)));
  for (let waited = 0; ; waited += pollMs) {
    const header = authorization.service?.getAuthorizationHeader() ?? undefined;
    if (header?.Authorization || !authorization.required || waited >= (options.maxWaitMs ?? 120_000)) return header ?? undefined;
    await sleep(pollMs);
  }
}
