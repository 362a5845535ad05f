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
  type: 'audit';
  occurredAt: string;
  payload: AuditRecord;
}

/** The accepted events of a batch, in batch order (only their ids and types matter, and audit events' payloads). */
export type AcceptedEvent = ClientAuditEvent | { eventId: string; type: Exclude<string, 'audit'> };

export interface LabelingAuditInput {
  user: Pick<SessionUser, 'id' | 'roles'>;
  clientId: string;
  versions: readonly LabelVersionRecord[];
  submissions: readonly CaseSubmissionRecord[];
  /** The batch's accepted events in order: the records follow it (a change's versions at its event). */
  events: readonly AcceptedEvent[];
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
  for (const event of input.events) if (isAuditEvent(event)) entries.push(toClientAuditEntry(event, input));
  // Batch order: each record where its event was (a submission's versions at the submission), in
  // the order made above among the records of one event; records of no event of the batch last.
  // Grouped by event rather than sorted: linear in the batch.
  const byEvent = new Map<string, AuditEntry[]>(input.events.map(event => [event.eventId, []]));
  const unplaced: AuditEntry[] = [];
  for (const entry of entries) (byEvent.get(entry.detail!.clientEventId as string) ?? unplaced).push(entry);
  const ordered: AuditEntry[] = [];
  for (const group of byEvent.values()) for (const entry of group) ordered.push(entry);
  for (const entry of unplaced) ordered.push(entry);
  return ordered;
}

function isAuditEvent(event: AcceptedEvent): event is ClientAuditEvent {
  return event.type === 'audit';
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
