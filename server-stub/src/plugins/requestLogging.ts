import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Logs each request by its route pattern, never its concrete URL: DICOMweb and API URLs
 * carry Study/Series/SOP Instance UIDs, which are identifying and stay out of logs.
 */
export const requestLogging = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? '(unmatched)',
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });
  },
  { name: 'request-logging' },
);
