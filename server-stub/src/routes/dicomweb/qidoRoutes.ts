import type { FastifyInstance } from 'fastify';
import { buildQidoResult } from '../../dicomweb/qido/buildQidoResult.js';
import { parseQidoQuery, QidoQueryError } from '../../dicomweb/qido/parseQidoQuery.js';
import type { QidoLevel } from '../../dicomweb/qido/qidoAttributes.js';
import { parseAccept } from '../../dicomweb/multipart/parseMediaType.js';
import { acceptsDicomJson } from '../../dicomweb/wado/negotiateMedia.js';
import { HttpError } from '../../plugins/errorHandling.js';
import { restrictQidoQuery } from '../../services/access/restrictQidoQuery.js';
import { baseUrlOf, checkUids, DICOM_JSON, notAcceptable } from './dicomwebRequest.js';

interface ScopeParams {
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
}

const resources: Array<{ url: string; level: QidoLevel }> = [
  { url: '/studies', level: 'study' },
  { url: '/series', level: 'series' },
  { url: '/studies/:StudyInstanceUID/series', level: 'series' },
  { url: '/instances', level: 'instance' },
  { url: '/studies/:StudyInstanceUID/instances', level: 'instance' },
  { url: '/studies/:StudyInstanceUID/series/:SeriesInstanceUID/instances', level: 'instance' },
];

/** QIDO-RS (PS3.18 10.6): always 200 with a JSON array, empty when nothing matches (as Orthanc does). */
export async function qidoRoutes(app: FastifyInstance) {
  for (const { url, level } of resources) {
    app.get<{ Params: ScopeParams; Querystring: Record<string, string | string[]> }>(url, async (request, reply) => {
      if (!acceptsDicomJson(parseAccept(request.headers.accept))) throw notAcceptable('a query (only application/dicom+json)');
      checkUids({ StudyInstanceUID: request.params.StudyInstanceUID, SeriesInstanceUID: request.params.SeriesInstanceUID });
      let query;
      try {
        query = parseQidoQuery(level, { ...request.params }, request.query);
      } catch (error) {
        if (error instanceof QidoQueryError) throw new HttpError(400, 'bad_request', error.message);
        throw error;
      }
      // Only the studies the caller may see (services/access).
      const visible = restrictQidoQuery(query, await app.accessService.queryableStudies(request.user));
      const rows = visible ? await app.dicomStore.query(visible) : [];
      const baseUrl = baseUrlOf(request);
      return reply.type(DICOM_JSON).send(JSON.stringify(rows.map(row => buildQidoResult(row, query, baseUrl))));
    });
  }
}
