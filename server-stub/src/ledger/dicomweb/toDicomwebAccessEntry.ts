/**
 * One ledger entry per DICOMweb request this server served: who retrieved, queried or stored
 * which study, series and instances. Built from the route, its parameters and (for searches and
 * stores) the response body; never the query values (they may hold patient names).
 */
import type { AuditEntry } from '../AuditRecorder.js';
import { toAuditActor } from '../entries/toAuditActor.js';

export interface ServedDicomwebRequest {
  method: string;
  /** The route template below the DICOMweb root, e.g. /studies/:StudyInstanceUID/series. */
  route: string;
  params: Record<string, string | undefined>;
  queryKeys: string[];
  statusCode: number;
  user: { id: string; roles: string[] };
  sourceAddress: string;
  /** The JSON response of a study search or a store, when captured. */
  responseBody?: string;
}

const QUERY = /\/(studies|series|instances)$/;
const UID = /^[0-9]+(\.[0-9]+)*$/;
const MAX_NAMED = 1000;

export function toDicomwebAccessEntry(served: ServedDicomwebRequest): AuditEntry {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, frameList } = served.params;
  const kind = served.method === 'POST' ? 'dicomweb.store' : QUERY.test(served.route) ? 'dicomweb.query' : 'dicomweb.retrieve';
  const detail: NonNullable<AuditEntry['detail']> = { route: served.route, status: served.statusCode, sourceAddress: served.sourceAddress, outcome: 'success' };
  const subject: NonNullable<AuditEntry['subject']> = {};
  if (StudyInstanceUID) subject.StudyInstanceUID = StudyInstanceUID;
  if (SeriesInstanceUID) subject.SeriesInstanceUID = SeriesInstanceUID;
  if (SOPInstanceUID) subject.SOPInstanceUIDs = [SOPInstanceUID];
  if (frameList) detail.frames = frameList.slice(0, 256);
  if (kind === 'dicomweb.query') {
    detail.queryKeys = served.queryKeys.slice(0, 64);
    if (served.route === '/studies' && served.responseBody) {
      const studies = collectValues(served.responseBody, '0020000D');
      detail.resultCount = studies.length;
      detail.StudyInstanceUIDs = studies.slice(0, MAX_NAMED);
    }
  }
  if (kind === 'dicomweb.store' && served.responseBody) {
    const stored = collectValues(served.responseBody, '00081155');
    if (stored.length > 0) subject.SOPInstanceUIDs = stored.slice(0, MAX_NAMED);
    const study = subject.StudyInstanceUID ?? /\/studies\/([0-9.]+)/.exec(served.responseBody)?.[1];
    if (study && UID.test(study)) subject.StudyInstanceUID = study;
    detail.storedCount = stored.length;
    if (served.statusCode === 202) detail.outcome = 'minor-failure';
  }
  return { kind, actor: toAuditActor(served.user), subject, detail };
}

/** The UID values of a tag anywhere in a DICOM JSON text (a scan, not a parse: no patient data is read into objects). */
function collectValues(json: string, tag: string): string[] {
  const pattern = new RegExp(`"${tag}":\\{"vr":"UI","Value":\\["([0-9.]+)"\\]`, 'g');
  const values = new Set<string>();
  for (const match of json.matchAll(pattern)) if (UID.test(match[1]!) && match[1]!.length <= 64) values.add(match[1]!);
  return [...values];
}
