import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { API_BASE, apiPaths } from '@readingroom/platform-shim';
import { serverVersion } from '../serverVersion.js';

/** Collects every route schema into the OpenAPI document served at /api/v1/openapi.json. */
export const openapi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'ReadingRoom storage server',
          version: serverVersion,
          description:
            'Labels, timing and audit events from ReadingRoom plugins. Errors are JSON {error, message, details?}; ' +
            '4xx for client mistakes. DICOMweb (QIDO-RS, WADO-RS, STOW-RS) is served under /dicomweb.',
        },
      },
      hideUntagged: true,
    });
    app.get(`${API_BASE}${apiPaths.openapi}`, { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
