import { ROLES, type Role } from '@readingroom/platform-shim';
import { ConfigError } from '../config.js';

/** How the server learns who a request comes from. Documented in docs/configuration.md and docs/identity.md. */
export type IdentityConfig = DevelopmentIdentity | OidcIdentity;

/** Every request acts as one fixed development user: loopback only, for tests where identity is not the point. */
export interface DevelopmentIdentity {
  mode: 'development';
}

/**
 * Access tokens from an OpenID Connect provider: the site's own (`oidc`) or the embedded demo
 * provider with its demo users (`demo`, the default of `npm start`, loopback only).
 */
export interface OidcIdentity {
  mode: 'oidc' | 'demo';
  /** The provider's issuer URL, exactly as tokens carry it; for `demo` unset means http://localhost:<port>/oidc. */
  issuer: string | undefined;
  /** The `aud` the access tokens must carry (this API's identifier at the provider). */
  audience: string;
  /** The viewer's client id (a public client using authorization code + PKCE). */
  clientId: string;
  /** Scopes the viewer asks for. */
  scope: string;
  /** Signature algorithms accepted; `none` and HMAC never are. */
  algorithms: string[];
  /** Where the roles are in the token: a claim name or a dotted path (`realm_access.roles`). */
  roleClaim: string;
  /** Provider role names → ReadingRoom roles; a role missing here is taken by its own name. */
  roleMap: Map<string, Role>;
  /** The claim shown as the user's name (falls back to preferred_username, then sub). */
  nameClaim: string;
  /** Allowed clock difference with the provider when checking exp/nbf/iat, in seconds. */
  clockToleranceSeconds: number;
  /** Overrides the JWKS URL announced by the provider's discovery document. */
  jwksUrl: string | undefined;
}

export const IDENTITY_MODES = ['demo', 'oidc', 'development'] as const;
/** Asymmetric algorithms only: an HMAC key would have to be shared with every client. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

// oidc-provider takes the audience as an RFC 8707 resource indicator: an absolute URI.
export const DEMO_AUDIENCE = 'urn:readingroom:api';
export const DEMO_CLIENT_ID = 'readingroom-viewer';

/** Reads IDENTITY and the OIDC_* variables. */
export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  const mode = env.IDENTITY ?? 'demo';
  if (env.DEV_IDENTITY !== undefined) throw new ConfigError('DEV_IDENTITY was replaced by IDENTITY=development (see docs/configuration.md)');
  if (mode === 'development') return { mode };
  if (mode !== 'demo' && mode !== 'oidc') throw new ConfigError(`IDENTITY must be one of ${IDENTITY_MODES.join(', ')}, got "${mode}"`);
  const demo = mode === 'demo';
  const issuer = env.OIDC_ISSUER ? parseUrl('OIDC_ISSUER', env.OIDC_ISSUER) : undefined;
  if (!demo && !issuer) throw new ConfigError('IDENTITY=oidc needs OIDC_ISSUER (the provider\'s issuer URL)');
  const audience = env.OIDC_AUDIENCE ?? (demo ? DEMO_AUDIENCE : undefined);
  if (!audience) throw new ConfigError('IDENTITY=oidc needs OIDC_AUDIENCE (the audience the provider puts in access tokens for this API)');
  const clientId = env.OIDC_CLIENT_ID ?? (demo ? DEMO_CLIENT_ID : undefined);
  if (!clientId) throw new ConfigError('IDENTITY=oidc needs OIDC_CLIENT_ID (the viewer\'s public client id)');
  return {
    mode,
    issuer,
    audience,
    clientId,
    scope: env.OIDC_SCOPE ?? 'openid profile',
    algorithms: parseAlgorithms(env.OIDC_ALGORITHMS),
    roleClaim: env.OIDC_ROLE_CLAIM ?? 'roles',
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP ?? ''),
    nameClaim: env.OIDC_NAME_CLAIM ?? 'name',
    clockToleranceSeconds: parseSeconds('OIDC_CLOCK_TOLERANCE_SECONDS', env.OIDC_CLOCK_TOLERANCE_SECONDS ?? '30'),
    jwksUrl: env.OIDC_JWKS_URL ? parseUrl('OIDC_JWKS_URL', env.OIDC_JWKS_URL) : undefined,
  };
}

/** "rr-labelers=labeler, rr-admins=site-admin": the provider's names on the left, ours on the right. */
export function parseRoleMap(value: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of value.split(',').map(e => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const from = entry.slice(0, at).trim();
    const to = entry.slice(at + 1).trim();
    if (at <= 0 || !isRole(to)) throw new ConfigError(`OIDC_ROLE_MAP entries are "provider-role=role" with role one of ${ROLES.join(', ')}; got "${entry}"`);
    map.set(from, to);
  }
  return map;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function parseAlgorithms(value: string | undefined): string[] {
  if (value === undefined) return DEFAULT_ALGORITHMS;
  const algorithms = value.split(',').map(a => a.trim()).filter(Boolean);
  const refused = algorithms.filter(a => !ALLOWED_ALGORITHMS.includes(a));
  if (algorithms.length === 0 || refused.length > 0) {
    throw new ConfigError(`OIDC_ALGORITHMS accepts ${ALLOWED_ALGORITHMS.join(', ')}; refused: ${refused.join(', ') || '(empty list)'}`);
  }
  return algorithms;
}

function parseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL`);
  return value;
}

function parseSeconds(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 300) throw new ConfigError(`${name} must be a whole number of seconds from 0 to 300, got "${value}"`);
  return Number(value);
}
