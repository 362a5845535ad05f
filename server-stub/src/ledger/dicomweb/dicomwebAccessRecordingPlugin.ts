import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { toDicomwebAccessEntry } from './toDicomwebAccessEntry.js';

export interface DicomwebAccessRecordingOptions {
  /** The DICOMweb root path, e.g. /dicomweb. */
  prefix: string;
}

/**
 * The server's own record of the DICOMweb requests it serves (so access is audited whatever a
 * client reports): after each successful request, one ledger entry naming the user and the
 * study, series, instances (and frames) served, queued for a batched append. Nothing waits for
 * the ledger: the hook runs once the response has been sent.
 */
export const dicomwebAccessRecordingPlugin = fp(
  async (app: FastifyInstance, options: DicomwebAccessRecordingOptions) => {
    const bodies = new WeakMap<FastifyRequest, string>();
    const routeOf = (request: FastifyRequest) => {
      const url = request.routeOptions.url;
      return url?.startsWith(options.prefix) ? url.slice(options.prefix.length) : undefined;
    };

    // Study searches and stores name their studies and instances in the response only.
    app.addHook('onSend', async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
      const route = routeOf(request);
      if ((request.method === 'POST' || route === '/studies') && route !== undefined && typeof payload === 'string') bodies.set(request, payload);
      return payload;
    });

    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const route = routeOf(request);
      // Refusals are recorded by access control; failed requests served nothing.
      if (route === undefined || reply.statusCode >= 400 || !request.user) return;
      app.auditRecorder.enqueue([
        toDicomwebAccessEntry({
          method: request.method,
          route,
          params: (request.params ?? {}) as Record<string, string | undefined>,
          queryKeys: Object.keys((request.query ?? {}) as object),
          statusCode: reply.statusCode,
          user: request.user,
          sourceAddress: request.ip,
          responseBody: bodies.get(request),
        }),
      ]);
    });
  },
  { name: 'dicomweb-access-recording', dependencies: ['audit-recorder'] },
);
