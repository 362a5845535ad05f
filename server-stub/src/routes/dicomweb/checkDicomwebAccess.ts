import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DICOMWEB_PREFIX } from './dicomwebRequest.js';

/** QIDO-RS resources end in a collection: /studies, /series, /instances. */
const QUERY = /\/(studies|series|instances)$/;

/**
 * Asks the access service before a DICOMweb request is served: retrieving (WADO-RS) needs the
 * study to be one the caller may see, storing (STOW-RS) an admin role; a refusal is a 403 and is
 * recorded. Queries pass here and are narrowed to the visible studies by the QIDO route.
 */
export async function checkDicomwebAccess(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const route = request.routeOptions.url ?? '';
  const relative = route.startsWith(DICOMWEB_PREFIX) ? route.slice(DICOMWEB_PREFIX.length) : route;
  const kind = request.method === 'POST' ? 'store' : QUERY.test(relative) ? 'query' : 'retrieve';
  const { StudyInstanceUID } = (request.params ?? {}) as { StudyInstanceUID?: string };
  if (kind === 'query') return;
  await app.accessService.checkDicomweb(request.user, kind, StudyInstanceUID, route);
}
