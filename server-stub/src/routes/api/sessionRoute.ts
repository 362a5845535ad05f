import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_BASE, Session, apiPaths } from '@readingroom/platform-shim';

export const sessionRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}${apiPaths.session}`,
    { schema: { tags: ['session'], summary: 'Who the server takes the caller to be', response: { 200: Session } } },
    async request => ({ user: request.user, identity: app.identityMode }),
  );
};
