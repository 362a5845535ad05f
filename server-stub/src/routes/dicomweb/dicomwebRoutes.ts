import type { FastifyInstance } from 'fastify';
import { checkDicomwebAccess } from './checkDicomwebAccess.js';
import { qidoRoutes } from './qidoRoutes.js';
import { stowRoutes } from './stowRoutes.js';
import { wadoRoutes } from './wadoRoutes.js';

export interface DicomwebRoutesOptions {
  /** Largest STOW-RS request body in bytes (default 4 GiB). */
  maxStowBytes?: number;
}

/**
 * Everything under /dicomweb (register with `{ prefix: DICOMWEB_PREFIX }`). Same-origin only:
 * no CORS headers. Request bodies of STOW-RS are handed over as a stream, never buffered.
 */
export async function dicomwebRoutes(app: FastifyInstance, options: DicomwebRoutesOptions) {
  app.addContentTypeParser('multipart/related', (_request, payload, done) => done(null, payload));
  // Who may query, retrieve and store what (services/access); QIDO results are filtered in the route.
  app.addHook('preHandler', async request => checkDicomwebAccess(app, request));
  await app.register(qidoRoutes);
  await app.register(wadoRoutes);
  await app.register(stowRoutes, { maxStowBytes: options.maxStowBytes ?? 4 * 1024 ** 3 });
}
