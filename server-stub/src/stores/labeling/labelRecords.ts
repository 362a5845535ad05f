import type { LabelSnapshot, LabelVersion } from '@readingroom/platform-shim';

/**
 * The derived current state of one label, as the ingest rules read and write it. `snapshot` is
 * the content of `currentVersion`; a removal that arrived before any content of its label is a
 * tombstone with `currentVersion: null` until an older change brings the content.
 */
export interface LabelState {
  labelId: string;
  projectId: string;
  StudyInstanceUID: string;
  createdBy: string;
  currentVersion: number | null;
  lastVersion: number;
  snapshot: LabelSnapshot | null;
  deleted: boolean;
  /** The latest change by client time: what later deliveries are compared with. */
  lastOccurredAt: string;
  lastEventId: string;
  lastAuthor: string;
}

/** One immutable version row; `snapshot` is the RFC 8785 canonical JSON that `contentHash` covers. */
export interface LabelVersionRecord {
  labelId: string;
  version: number;
  change: LabelVersion['change'];
  projectId: string;
  StudyInstanceUID: string;
  schemaVersion: number;
  snapshot: string;
  contentHash: string;
  author: string;
  recordedAt: string;
  occurredAt: string;
  eventId: string;
}

/** A case submission: the latest (by client time) per project, study and labeler. */
export interface CaseSubmissionRecord {
  projectId: string;
  StudyInstanceUID: string;
  userId: string;
  occurredAt: string;
  eventId: string;
  recordedAt: string;
}

export interface TimingSegmentRecord {
  clientId: string;
  eventId: string;
  userId: string;
  projectId: string | null;
  StudyInstanceUID: string;
  labelId: string | null;
  findingTypeId: string | null;
  startedAt: string;
  endedAt: string;
  startedMs: number;
  activeMs: number;
}

export interface ClientEventRecord {
  clientId: string;
  eventId: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  userId: string;
  StudyInstanceUID: string | null;
  payload: string;
}
