import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionUser } from '@readingroom/platform-shim';
import { ConfigError } from '../config.js';
import { isLoopbackHost } from './isLoopbackHost.js';

export const DEVELOPMENT_USER: SessionUser = {
  id: 'dev-labeler',
  displayName: 'Development user',
  roles: ['labeler'],
};

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser;
  }
  interface FastifyInstance {
    identityMode: 'development';
  }
}

export interface IdentityOptions {
  host: string;
  devIdentity: boolean;
}

/**
 * Until an identity provider is configured, every request acts as one fixed development
 * user. That is only acceptable while nobody else can reach the server, so it is refused
 * for any non-loopback bind address.
 */
export const identityPlugin = fp(
  async (app: FastifyInstance, options: IdentityOptions) => {
    if (!options.devIdentity) {
      throw new ConfigError('DEV_IDENTITY=false but no identity provider is configured: nobody could sign in.');
    }
    if (!isLoopbackHost(options.host)) {
      throw new ConfigError(
        `HOST=${options.host} is reachable from other machines, and the development identity is allowed only on loopback. ` +
          'Bind to 127.0.0.1 (the default) or configure an identity provider.',
      );
    }
    app.log.warn(
      { user: DEVELOPMENT_USER.id, host: options.host },
      'Development identity in use: every request acts as the development user. Allowed because the server binds to loopback only.',
    );
    app.decorate('identityMode', 'development' as const);
    app.decorateRequest('user', null as unknown as SessionUser);
    app.addHook('onRequest', async request => {
      request.user = DEVELOPMENT_USER;
    });
  },
  { name: 'identity' },
);
