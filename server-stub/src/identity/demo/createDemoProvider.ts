import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { DemoKeys } from './loadDemoKeys.js';
import { findDemoUser } from './demoUsers.js';

export interface DemoProviderOptions {
  issuer: string;
  /** The resource indicator and `aud` of access tokens for the ReadingRoom API. */
  audience: string;
  clientId: string;
  /** Origins the viewer is opened on (http://localhost:3000, http://127.0.0.1:3000). */
  viewerOrigins: string[];
  keys: DemoKeys;
}

/** Short-lived access tokens; the viewer renews them with its refresh token. */
const TTL = { AccessToken: 15 * 60, AuthorizationCode: 60, IdToken: 60 * 60, Interaction: 10 * 60, RefreshToken: 8 * 3600, Session: 8 * 3600, Grant: 8 * 3600 };

/**
 * The demo OpenID Connect provider (node `oidc-provider`): the viewer is a public client using
 * authorization code + PKCE (S256); access tokens are JWTs (RFC 9068) for the API audience,
 * carrying the user's roles. Sign-in is the demo users' form (demoProviderPlugin); consent is
 * implied, as for a site's own first-party application.
 */
export function createDemoProvider(options: DemoProviderOptions): Provider {
  const { audience, clientId } = options;
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_name: 'ReadingRoom viewer',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.viewerOrigins.map(origin => `${origin}/callback`),
        post_logout_redirect_uris: options.viewerOrigins.map(origin => `${origin}/`),
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    jwks: { keys: [options.keys.signingKey as never] },
    cookies: { keys: [options.keys.cookieKey] },
    ttl: TTL,
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: async (_ctx, sub) => {
      const user = findDemoUser(sub);
      if (!user) return undefined;
      return { accountId: user.id, claims: async () => ({ sub: user.id, name: user.displayName, preferred_username: user.username }) };
    },
    interactions: { url: (_ctx, interaction) => `${new URL(options.issuer).pathname}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return { scope: 'readingroom', audience, accessTokenTTL: TTL.AccessToken, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const user = 'accountId' in token && typeof token.accountId === 'string' ? findDemoUser(token.accountId) : undefined;
      // sid: which sign-in the token belongs to, so the server records each sign-in once (signIns/).
      // The provider sets `sid` only for clients with front/back-channel logout; its session uid
      // (opaque, random) names the sign-in for every client.
      const session = ('sid' in token && token.sid) || ('sessionUid' in token && token.sessionUid);
      const sid = typeof session === 'string' ? { sid: session } : {};
      return user ? { roles: user.roles, name: user.displayName, ...sid } : undefined;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The viewer's page calls the token endpoint from its own origin.
    clientBasedCORS: (_ctx, origin) => options.viewerOrigins.includes(origin),
    // A first-party application: the user signing in is consent enough.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => grantEverythingAsked(ctx),
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="/">Back to the viewer</a></p>`;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = false;
  return provider;
}

async function grantEverythingAsked(ctx: KoaContextWithOIDC) {
  const { client, session, params } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  const grant = existing ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  if (typeof params?.scope === 'string') grant.addOIDCScope(params.scope);
  const resource = params?.resource;
  if (typeof resource === 'string') grant.addResourceScope(resource, 'readingroom');
  await grant.save();
  return grant;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
