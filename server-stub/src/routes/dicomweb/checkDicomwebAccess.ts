import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DICOMWEB_PREFIX } from './dicomwebRequest.js';

/** QIDO-RS resources end in a collection: /studies, /series, /instances. */
const QUERY = /\/(studies|series|instances)$/;

/**
 * Asks the access service before a DICOMweb request is served: retrieving (WADO-RS) needs the
 * study to be one the caller may see, storing (STOW-RS) an admin role; a query (QIDO-RS) that
 * names studies (in the path or as StudyInstanceUID) is refused when one of them is not visible,
 * so opening a study one may not see is refused and recorded, not answered "not found". A refusal
 * is a 403 and is recorded. Open searches pass here and are narrowed to the visible studies by
 * the QIDO route.
 */
export async function checkDicomwebAccess(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const route = request.routeOptions.url ?? '';
  const relative = route.startsWith(DICOMWEB_PREFIX) ? route.slice(DICOMWEB_PREFIX.length) : route;
  const kind = request.method === 'POST' ? 'store' : QUERY.test(relative) ? 'query' : 'retrieve';
  const { StudyInstanceUID } = (request.params ?? {}) as { StudyInstanceUID?: string };
  if (kind !== 'query') return app.accessService.checkDicomweb(request.user, kind, StudyInstanceUID, route);
  for (const uid of namedStudies(StudyInstanceUID, request.query)) await app.accessService.checkDicomweb(request.user, 'query', uid, route);
}

/** The studies a query names: its path's study, and StudyInstanceUID (0020000D) matching values (UID lists too). */
function namedStudies(pathStudy: string | undefined, query: unknown): string[] {
  const named = new Set<string>(pathStudy ? [pathStudy] : []);
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (key !== 'StudyInstanceUID' && key.toUpperCase() !== '0020000D') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') for (const uid of item.split(/[\\,]/)) if (uid.trim()) named.add(uid.trim());
    }
  }
  return [...named];
}
