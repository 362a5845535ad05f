/**
 * What label ingest puts in the ledger, in the transaction that stores the changes: one record per
 * label version (created, modified, removed, submitted) with the label id, version and content
 * hash — never the label's content — one per case submission, and one per client audit event
 * (study opened, series displayed, …). Timing segments are not ledgered.
 */
import type { AuditRecord, SessionUser } from '@readingroom/platform-shim';
import type { CaseSubmissionRecord, LabelVersionRecord } from '../../stores/labeling/labelRecords.js';
import type { AuditEntry } from '../AuditRecorder.js';
import { getLabelReferences } from './getLabelReferences.js';
import { toAuditActor } from './toAuditActor.js';

export interface ClientAuditEvent {
  eventId: string;
  occurredAt: string;
  payload: AuditRecord;
}

export interface LabelingAuditInput {
  user: Pick<SessionUser, 'id' | 'roles'>;
  clientId: string;
  versions: readonly LabelVersionRecord[];
  submissions: readonly CaseSubmissionRecord[];
  auditEvents: readonly ClientAuditEvent[];
}

export function toLabelingAuditEntries(input: LabelingAuditInput): AuditEntry[] {
  const actorFor = (userId: string) => (userId === input.user.id ? toAuditActor(input.user, input.clientId) : { userId });
  const entries: AuditEntry[] = input.versions.map(version => ({
    kind: `label.${version.change}`,
    actor: actorFor(version.author),
    subject: { ...getLabelReferences(version.snapshot), labelId: version.labelId, labelVersion: version.version, contentHash: version.contentHash },
    detail: { projectId: version.projectId, schemaVersion: version.schemaVersion, clientEventId: version.eventId, occurredAt: version.occurredAt, outcome: 'success' },
  }));
  for (const submission of input.submissions) {
    entries.push({
      kind: 'case.submitted',
      actor: actorFor(submission.userId),
      subject: { StudyInstanceUID: submission.StudyInstanceUID },
      detail: { projectId: submission.projectId, clientEventId: submission.eventId, occurredAt: submission.occurredAt, outcome: 'success' },
    });
  }
  for (const event of input.auditEvents) entries.push(toClientAuditEntry(event, input));
  return entries;
}

function toClientAuditEntry(event: ClientAuditEvent, input: LabelingAuditInput): AuditEntry {
  const { action, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUIDs, mode } = event.payload;
  const detail: AuditEntry['detail'] = { clientEventId: event.eventId, occurredAt: event.occurredAt, reportedBy: 'client', outcome: 'success' };
  if (mode !== undefined) detail.mode = mode;
  return {
    kind: action,
    actor: toAuditActor(input.user, input.clientId),
    subject: { StudyInstanceUID, ...(SeriesInstanceUID ? { SeriesInstanceUID } : {}), ...(SOPInstanceUIDs?.length ? { SOPInstanceUIDs } : {}) },
    detail,
  };
}
