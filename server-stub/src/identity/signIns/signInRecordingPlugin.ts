import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSignInRecorder } from './createSignInRecorder.js';

/**
 * Records each sign-in (`user.login`) from the first request that carries an access token of it,
 * for any OpenID Connect provider (the demo provider included). Runs after the identity hook that
 * set `request.user` and `request.signIn`.
 */
export const signInRecordingPlugin = fp(
  async (app: FastifyInstance) => {
    if (app.identityMode !== 'oidc') return;
    const recorder = createSignInRecorder({ database: app.database, audit: app.auditRecorder });
    app.addHook('onRequest', async request => {
      const signIn = request.signIn;
      if (signIn && request.user) await recorder.noteSignIn(request.user, signIn.sessionKey, signIn.issuer);
    });
  },
  { name: 'sign-in-recording', dependencies: ['identity', 'stores', 'audit-recorder'] },
);
