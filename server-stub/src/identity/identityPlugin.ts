import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { API_BASE, apiPaths, type SessionUser } from '@readingroom/platform-shim';
import { ConfigError } from '../config.js';
import { createAccessTokenVerifier, IdentityProviderUnavailableError, TokenRejectedError, type AccessTokenVerifier } from './createAccessTokenVerifier.js';
import type { IdentityConfig, OidcIdentity } from './identityConfig.js';
import { isLoopbackHost } from './isLoopbackHost.js';
import { mapClaimsToUser } from './mapClaimsToUser.js';
import { recordSecurityEvent } from './recordSecurityEvent.js';
import { signInSessionKey } from './signIns/signInSessionKey.js';

export const DEVELOPMENT_USER: SessionUser = {
  id: 'dev-labeler',
  displayName: 'Development user',
  roles: ['labeler'],
};

/** The server itself seeding the demo projects: a site admin, whatever the identity mode. */
export const DEMO_SEEDER: SessionUser = { id: 'readingroom-demo-seed', displayName: 'ReadingRoom demo seed', roles: ['site-admin'] };

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request comes from; set for /api and /dicomweb requests (anything else is public). */
    user: SessionUser;
    /** The sign-in the request's access token belongs to (signIns/signInSessionKey.ts), when it names one. */
    signIn: { sessionKey: string; issuer: string } | undefined;
  }
  interface FastifyInstance {
    identityMode: 'development' | 'oidc';
    /** The OIDC settings the viewer needs (issuer resolved once the server listens); undefined in development. */
    oidcClient: { issuer(): string; clientId: string; scope: string } | undefined;
  }
}

export interface IdentityOptions {
  host: string;
  identity: IdentityConfig;
  /** The demo provider keeps its keys here (DATA_DIR/identity); unset: in memory. */
  dataDir?: string;
  /** Test seam: how the verifier fetches discovery and keys. */
  verifierOverrides?: { fetch?: typeof fetch; jwksCooldownMs?: number };
}

const REALM = 'readingroom';

/**
 * Establishes `request.user` for every API and DICOMweb request: from a verified OIDC access
 * token (`oidc`, `demo`), or as the fixed development user (`development`, loopback only).
 * A request without a valid token is answered 401 with `WWW-Authenticate` and audited.
 */
export const identityPlugin = fp(
  async (app: FastifyInstance, options: IdentityOptions) => {
    app.decorateRequest('user', null as unknown as SessionUser);
    app.decorateRequest('signIn', undefined);
    if (options.identity.mode === 'development') return useDevelopmentIdentity(app, options.host);
    await useOidcIdentity(app, options, options.identity);
  },
  { name: 'identity' },
);

function useDevelopmentIdentity(app: FastifyInstance, host: string) {
  refuseUnlessLoopback(host, 'the development identity', 'IDENTITY=development: every request acts as one fixed user');
  app.log.warn(
    { user: DEVELOPMENT_USER.id, host },
    'Development identity in use: every request acts as the development user. Allowed because the server binds to loopback only.',
  );
  app.decorate('identityMode', 'development' as const);
  app.decorate('oidcClient', undefined);
  app.addHook('onRequest', async request => {
    request.user = DEVELOPMENT_USER;
  });
}

async function useOidcIdentity(app: FastifyInstance, options: IdentityOptions, identity: OidcIdentity) {
  const issuer = resolveIssuer(app, identity);
  if (identity.mode === 'demo') {
    refuseUnlessLoopback(options.host, 'the demo identity provider', 'IDENTITY=demo: its demo users\' passwords are public');
    const { demoProviderPlugin } = await import('./demo/demoProviderPlugin.js');
    await app.register(demoProviderPlugin, {
      issuer,
      audience: identity.audience,
      clientId: identity.clientId,
      keysFile: options.dataDir ? join(options.dataDir, 'identity', 'demo-provider-keys.json') : undefined,
    });
    app.log.info('Demo identity provider at /oidc: sign in as a demo user (docs/identity.md)');
  }
  const verify = createAccessTokenVerifier({
    issuer,
    audience: identity.audience,
    algorithms: identity.algorithms,
    clockToleranceSeconds: identity.clockToleranceSeconds,
    jwksUrl: identity.jwksUrl,
    ...options.verifierOverrides,
  });
  app.decorate('identityMode', 'oidc' as const);
  app.decorate('oidcClient', { issuer, clientId: identity.clientId, scope: identity.mode === 'demo' ? `${identity.scope} readingroom` : identity.scope });
  app.addHook('onRequest', async (request, reply) => {
    if (!needsIdentity(request.url)) return;
    const user = await authenticate(request, verify, identity);
    if ('user' in user) {
      request.user = user.user;
      request.signIn = user.signIn;
      return;
    }
    return refuse(app, request, reply, user.refusal);
  });
}

type Refusal = { status: 401 | 503; code: string; message: string; oauthError?: string };

type Authenticated = { user: SessionUser; signIn: FastifyRequest['signIn'] };

async function authenticate(request: FastifyRequest, verify: AccessTokenVerifier, identity: OidcIdentity): Promise<Authenticated | { refusal: Refusal }> {
  const header = request.headers.authorization;
  if (!header) return { refusal: { status: 401, code: 'unauthorized', message: 'Sign in first: this request needs an access token (Authorization: Bearer <token>)' } };
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
  if (!match) return { refusal: { status: 401, code: 'unauthorized', message: 'The Authorization header must be "Bearer <access token>"', oauthError: 'invalid_request' } };
  try {
    const claims = await verify(match[1]!);
    const sessionKey = signInSessionKey(claims);
    return { user: mapClaimsToUser(claims, identity), signIn: sessionKey ? { sessionKey, issuer: claims.iss ?? '' } : undefined };
  } catch (error) {
    if (error instanceof TokenRejectedError) return { refusal: { status: 401, code: 'invalid_token', message: error.message, oauthError: error.oauthError } };
    if (error instanceof IdentityProviderUnavailableError) {
      request.log.error({ err: { message: error.message } }, 'identity provider unavailable');
      return { refusal: { status: 503, code: 'identity_provider_unavailable', message: 'The identity provider cannot be reached to check the access token; try again shortly' } };
    }
    throw error;
  }
}

function refuse(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, refusal: Refusal) {
  if (refusal.status === 401) {
    const error = refusal.oauthError ? `, error="${refusal.oauthError}", error_description="${refusal.message.replace(/"/g, "'")}"` : '';
    reply.header('www-authenticate', `Bearer realm="${REALM}"${error}`);
    recordSecurityEvent(app, {
      kind: 'access.denied',
      actor: { userId: 'anonymous' },
      detail: { outcome: 'minor-failure', reason: refusal.message, route: request.routeOptions.url ?? '(unmatched)', method: request.method, status: 401 },
    });
  }
  return reply.code(refusal.status).send({ error: refusal.code, message: refusal.message });
}

/** The API and DICOMweb need an identity; the viewer's files, the OpenAPI document and /healthz do not. */
export function needsIdentity(url: string): boolean {
  const path = url.split('?')[0]!;
  if (path === `${API_BASE}${apiPaths.openapi}`) return false;
  return path.startsWith('/api/') || path === '/dicomweb' || path.startsWith('/dicomweb/');
}

/** The issuer: configured, or for the demo provider http://localhost:<the port listened on>/oidc. */
function resolveIssuer(app: FastifyInstance, identity: OidcIdentity): () => string {
  if (identity.issuer) return () => identity.issuer!;
  return () => {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The demo issuer is known once the server listens');
    return `http://localhost:${address.port}/oidc`;
  };
}

function refuseUnlessLoopback(host: string, what: string, why: string) {
  if (isLoopbackHost(host)) return;
  throw new ConfigError(
    `HOST=${host} is reachable from other machines, and ${what} is allowed only on loopback (${why}). ` +
      'Bind to 127.0.0.1 (the default) or use your identity provider (IDENTITY=oidc, docs/identity.md).',
  );
}
