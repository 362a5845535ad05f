import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '@readingroom/platform-shim';
import { serverVersion } from '../serverVersion.js';

export const healthRoute: FastifyPluginAsyncTypebox = async app => {
  const startedAt = Date.now();
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness and the storage backend in use', response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
      version: serverVersion,
      database: app.databaseKind,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  );
};
