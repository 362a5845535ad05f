import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Error codes clients can rely on; the body is always `{error, message, details?}`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Client mistakes become 4xx with a precise, PHI-free message; anything else is logged
 * and answered with a generic 500 so internals and data never leak into responses.
 */
export const errorHandling = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      if (error instanceof HttpError) {
        return reply.code(error.statusCode).send({ error: error.code, message: error.message, details: error.details });
      }
      if (error.validation) {
        return reply.code(400).send({
          error: 'bad_request',
          message: `Invalid ${error.validationContext ?? 'request'}: ${error.message}`,
          details: error.validation.map(v => ({ path: v.instancePath || '/', rule: v.keyword, message: v.message })),
        });
      }
      const statusCode = error.statusCode ?? 500;
      if (statusCode >= 400 && statusCode < 500) {
        return reply.code(statusCode).send({ error: codeForStatus(statusCode, error.code), message: error.message });
      }
      request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
      return reply.code(500).send({ error: 'internal_error', message: 'Internal server error' });
    });

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({ error: 'not_found', message: `No route for ${request.method} ${request.routeOptions.url ?? 'this path'}` });
    });
  },
  { name: 'error-handling' },
);

function codeForStatus(statusCode: number, fastifyCode: string | undefined): string {
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'invalid_json';
  const names: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    406: 'not_acceptable',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  };
  return names[statusCode] ?? 'bad_request';
}
