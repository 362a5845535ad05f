import type { LedgerRecordContent } from '../../core/index.js';

/** Synthetic UIDs under 2.25, never real patient data. */
export const STUDY = '2.25.1001';
export const SERIES = '2.25.1001.2';
export const INSTANCES = ['2.25.1001.2.1', '2.25.1001.2.2', '2.25.1001.2.3'];
export const SOURCE = { sourceId: 'rr-test-node', enterpriseSiteId: 'Test Site' };

const base = (kind: string): LedgerRecordContent => ({
  seq: 42,
  recordedAt: '2026-01-31T08:15:00.000Z',
  kind,
  actor: { userId: 'u-17', role: 'labeler', clientId: 'viewer-3' },
  subject: { StudyInstanceUID: STUDY },
  detail: { outcome: 'success' },
});

/** A record of each kind the server writes, shaped as its writer shapes it. */
export function sampleRecord(kind: string): LedgerRecordContent {
  const record = base(kind);
  if (kind.startsWith('label.')) {
    record.subject = { StudyInstanceUID: STUDY, SeriesInstanceUID: SERIES, SOPInstanceUIDs: [INSTANCES[0]!], labelId: 'lbl-9', labelVersion: 3, contentHash: 'a'.repeat(64) };
    record.detail = { projectId: 'lung', schemaVersion: 1, clientEventId: '0190-ev', occurredAt: '2026-01-31T08:14:59.000Z', outcome: 'success' };
  } else if (kind === 'case.submitted') {
    record.detail = { projectId: 'lung', clientEventId: '0190-ev2', outcome: 'success' };
  } else if (kind === 'study.opened' || kind === 'series.displayed') {
    record.subject = kind === 'study.opened' ? { StudyInstanceUID: STUDY } : { StudyInstanceUID: STUDY, SeriesInstanceUID: SERIES, SOPInstanceUIDs: INSTANCES };
    record.detail = { clientEventId: '0190-ev3', reportedBy: 'client', outcome: 'success', mode: 'labeling' };
  } else if (kind.startsWith('dicomweb.')) {
    record.actor = { userId: 'u-17', role: 'labeler' };
    record.subject = kind === 'dicomweb.query' ? {} : { StudyInstanceUID: STUDY, SeriesInstanceUID: SERIES, SOPInstanceUIDs: INSTANCES };
    record.detail = { route: kind === 'dicomweb.query' ? '/studies' : '/studies/:StudyInstanceUID/series/:SeriesInstanceUID', status: 200, sourceAddress: '127.0.0.1', outcome: 'success' };
    if (kind === 'dicomweb.query') Object.assign(record.detail, { queryKeys: ['PatientName', 'StudyDate'], resultCount: 2, StudyInstanceUIDs: [STUDY, '2.25.1002'] });
  } else if (kind === 'user.login' || kind === 'user.logout') {
    record.actor = { userId: 'u-17', role: 'labeler' };
    record.subject = {};
    record.detail = { outcome: 'success', identityProvider: 'demo' };
  } else if (kind === 'access.denied') {
    record.actor = { userId: 'u-17', role: 'labeler reviewer' };
    record.detail = { outcome: 'minor-failure', status: 403, action: 'labels.read', reason: 'you are not a member of project "lung"', route: '/api/v1/studies/:StudyInstanceUID/labels' };
  } else if (kind === 'security.break-glass') {
    record.actor = { userId: 'aud-1', role: 'auditor' };
    record.detail = { outcome: 'success', alert: true, severity: 'alert', grantId: 'g-1', expiresAt: '2026-01-31T09:15:00.000Z' };
  } else if (kind === 'ledger.records-lost') {
    record.actor = { userId: 'readingroom-server' };
    record.subject = {};
    record.detail = { count: 12, outcome: 'serious-failure', reason: 'the database was unavailable and the audit queue overflowed' };
  }
  return record;
}
