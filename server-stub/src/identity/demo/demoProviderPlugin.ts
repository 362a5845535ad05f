import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { recordSecurityEvent } from '../recordSecurityEvent.js';
import { createDemoProvider } from './createDemoProvider.js';
import { checkDemoCredentials } from './demoUsers.js';
import { loadDemoKeys } from './loadDemoKeys.js';
import { renderSignInPage } from './renderSignInPage.js';

export interface DemoProviderPluginOptions {
  /** Resolves the issuer once the server listens (its port may be chosen by the system). */
  issuer: () => string;
  audience: string;
  clientId: string;
  /** Where the provider keeps its keys between restarts; none: keys live as long as the process. */
  keysFile: string | undefined;
}

/**
 * Mounts the demo OpenID Connect provider at the issuer's path (/oidc) of this server, with its
 * sign-in form at /oidc/interaction/:uid. The provider itself is created on its first request,
 * when the issuer (which names the port) is known.
 */
export async function demoProviderPlugin(app: FastifyInstance, options: DemoProviderPluginOptions) {
  let provider: Promise<Provider> | undefined;
  const getProvider = () =>
    (provider ??= loadDemoKeys(options.keysFile).then(keys => {
      const issuer = options.issuer();
      const { port } = new URL(issuer);
      const viewerOrigins = [...new Set([new URL(issuer).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
      return createDemoProvider({ issuer, audience: options.audience, clientId: options.clientId, viewerOrigins, keys });
    }));
  const mountPath = () => new URL(options.issuer()).pathname.replace(/\/+$/, '');

  // The provider reads its own request bodies: nothing here may consume them.
  await app.register(async scope => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const handle = (await getProvider()).callback();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(mountPath().length) || '/';
      reply.hijack();
      handle(raw, reply.raw);
    };
    scope.all('/oidc', forward);
    scope.all('/oidc/*', forward);
  });

  await app.register(async scope => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get<{ Params: { uid: string } }>('/oidc/interaction/:uid', async (request, reply) => {
      const current = await getProvider();
      const details = await current.interactionDetails(request.raw, reply.raw);
      if (details.prompt.name !== 'login') {
        // Consent is implied for the first-party viewer (see createDemoProvider).
        return finish(current, request, reply, { consent: { grantId: await grantMissingScopes(current, details) } });
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderSignInPage({ action: `${mountPath()}/interaction/${details.uid}/login` }));
    });

    scope.post<{ Params: { uid: string }; Body: { username?: string; password?: string } }>('/oidc/interaction/:uid/login', async (request, reply) => {
      const current = await getProvider();
      const details = await current.interactionDetails(request.raw, reply.raw);
      const username = request.body?.username ?? '';
      const user = checkDemoCredentials(username, request.body?.password ?? '');
      if (!user) {
        recordSecurityEvent(app, { kind: 'access.denied', actor: { userId: 'anonymous' }, detail: { outcome: 'minor-failure', reason: 'sign-in refused: wrong username or password', route: '/oidc/interaction/:uid/login' } });
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderSignInPage({ action: `${mountPath()}/interaction/${details.uid}/login`, problem: 'Wrong username or password.', username }));
      }
      // user.login is recorded by the server when the sign-in's first token is used (signIns/), as for any provider.
      return finish(current, request, reply, { login: { accountId: user.id } });
    });
  });
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

async function grantMissingScopes(provider: Provider, details: Interaction): Promise<string> {
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

async function finish(provider: Provider, request: FastifyRequest, reply: FastifyReply, result: Record<string, unknown>) {
  const redirectTo = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
  return reply.code(303).header('location', redirectTo).header('cache-control', 'no-store').send();
}
