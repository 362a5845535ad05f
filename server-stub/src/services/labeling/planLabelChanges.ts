import type { CaseSubmitted, LabelRemoved, LabelSnapshot } from '@readingroom/platform-shim';
import type { CaseSubmissionRecord, LabelState, LabelVersionRecord } from '../../stores/labeling/labelRecords.js';
import { compareChanges } from './compareChanges.js';
import { hashLabelSnapshot } from './hashLabelSnapshot.js';

/** A change to labels, already valid against the contract and the schema it names. */
export type LabelChange =
  | { type: 'label.created' | 'label.modified'; eventId: string; occurredAt: string; author: string; snapshot: LabelSnapshot }
  | { type: 'label.removed'; eventId: string; occurredAt: string; author: string; removal: LabelRemoved }
  | { type: 'case.submitted'; eventId: string; occurredAt: string; author: string; submission: CaseSubmitted };

export interface PlanInput {
  /** Known states of every label the changes touch, and of the submitting labelers' cases. */
  states: ReadonlyMap<string, LabelState>;
  /** Known submissions, by submissionKey. */
  submissions: ReadonlyMap<string, CaseSubmissionRecord>;
  recordedAt: string;
}

export interface LabelPlan {
  /** Per change, in order: undefined when applied, else why it was rejected. */
  rejections: Array<string | undefined>;
  versions: LabelVersionRecord[];
  states: LabelState[];
  submissions: CaseSubmissionRecord[];
}

export const submissionKey = (projectId: string, StudyInstanceUID: string, userId: string) => `${projectId} ${StudyInstanceUID} ${userId}`;

/**
 * The rules of label history, as a pure function of what the server holds and what arrived:
 * - every change makes an immutable version, numbered per label in the order recorded;
 * - the current state is the latest change by client time, so late or replayed deliveries never
 *   roll a label back; a removal is a tombstone (an older edit arriving later cannot revive it);
 * - `case.submitted` makes each of the labeler's draft labels of that case, last changed before
 *   the submission, submitted (a version each); a draft change that happened before a known
 *   submission but arrives after it is submitted too;
 * - a label never moves to another project or study.
 */
export function planLabelChanges(changes: readonly LabelChange[], input: PlanInput): LabelPlan {
  const states = new Map(input.states);
  const submissions = new Map(input.submissions);
  const touched = new Set<string>();
  const changedSubmissions = new Set<string>();
  const versions: LabelVersionRecord[] = [];

  const addVersion = (state: LabelState, change: LabelVersionRecord['change'], snapshot: LabelSnapshot, at: { eventId: string; occurredAt: string; author: string }) => {
    const { canonical, contentHash } = hashLabelSnapshot(snapshot);
    state.lastVersion += 1;
    versions.push({
      labelId: state.labelId,
      version: state.lastVersion,
      change,
      projectId: state.projectId,
      StudyInstanceUID: state.StudyInstanceUID,
      schemaVersion: snapshot.schemaVersion,
      snapshot: canonical,
      contentHash,
      author: at.author,
      recordedAt: input.recordedAt,
      occurredAt: at.occurredAt,
      eventId: at.eventId,
    });
    touched.add(state.labelId);
    return state.lastVersion;
  };

  const makeCurrent = (state: LabelState, version: number, snapshot: LabelSnapshot, deleted: boolean, at: { eventId: string; occurredAt: string; author: string }) => {
    Object.assign(state, { currentVersion: version, snapshot, deleted, lastOccurredAt: at.occurredAt, lastEventId: at.eventId, lastAuthor: at.author });
  };

  /** Submits a current draft whose last change precedes the labeler's latest submission of its case. */
  const submitIfDue = (state: LabelState) => {
    const submission = submissions.get(submissionKey(state.projectId, state.StudyInstanceUID, state.createdBy));
    if (!submission || state.deleted || state.snapshot?.status !== 'draft' || compareChanges(submission, { occurredAt: state.lastOccurredAt, eventId: state.lastEventId }) <= 0) return;
    const submitted: LabelSnapshot = { ...state.snapshot, status: 'submitted' };
    const at = { eventId: submission.eventId, occurredAt: submission.occurredAt, author: submission.userId };
    makeCurrent(state, addVersion(state, 'submitted', submitted, at), submitted, false, at);
  };

  const applyLabel = (change: Extract<LabelChange, { snapshot: LabelSnapshot }>): string | undefined => {
    const { snapshot } = change;
    const state = states.get(snapshot.labelId) ?? newState(snapshot.labelId, snapshot.projectId, snapshot.StudyInstanceUID, change);
    if (state.projectId !== snapshot.projectId || state.StudyInstanceUID !== snapshot.StudyInstanceUID) return movedReason(snapshot.labelId);
    states.set(state.labelId, state);
    const version = addVersion(state, change.type === 'label.created' ? 'created' : 'modified', snapshot, change);
    const isFirst = state.currentVersion === null && !state.deleted;
    if (isFirst || compareChanges(change, { occurredAt: state.lastOccurredAt, eventId: state.lastEventId }) > 0) {
      makeCurrent(state, version, snapshot, false, change);
      submitIfDue(state);
    } else if (state.deleted && state.currentVersion === null) {
      // A removal arrived before any content of its label: it can be recorded now, with this content.
      const removal = { eventId: state.lastEventId, occurredAt: state.lastOccurredAt, author: state.lastAuthor };
      makeCurrent(state, addVersion(state, 'removed', snapshot, removal), snapshot, true, removal);
    }
    if (change.type === 'label.created') state.createdBy = change.author;
    return undefined;
  };

  const applyRemoval = (change: Extract<LabelChange, { removal: LabelRemoved }>): string | undefined => {
    const { labelId, projectId, StudyInstanceUID } = change.removal;
    const known = states.get(labelId);
    if (known && (known.projectId !== projectId || known.StudyInstanceUID !== StudyInstanceUID)) return movedReason(labelId);
    const state = known ?? newState(labelId, projectId, StudyInstanceUID, change);
    states.set(labelId, state);
    touched.add(labelId);
    if (!known) {
      // Nothing of this label has arrived yet: keep a tombstone so older changes cannot revive it.
      Object.assign(state, { deleted: true, lastOccurredAt: change.occurredAt, lastEventId: change.eventId, lastAuthor: change.author });
      return undefined;
    }
    const isLatest = compareChanges(change, { occurredAt: state.lastOccurredAt, eventId: state.lastEventId }) > 0;
    if (state.snapshot) {
      const version = addVersion(state, 'removed', state.snapshot, change);
      if (isLatest) makeCurrent(state, version, state.snapshot, true, change);
    } else if (isLatest) {
      Object.assign(state, { lastOccurredAt: change.occurredAt, lastEventId: change.eventId, lastAuthor: change.author });
    }
    return undefined;
  };

  const applySubmission = (change: Extract<LabelChange, { submission: CaseSubmitted }>) => {
    const { projectId, StudyInstanceUID } = change.submission;
    const key = submissionKey(projectId, StudyInstanceUID, change.author);
    const known = submissions.get(key);
    if (known && compareChanges(change, known) <= 0) return undefined;
    submissions.set(key, { projectId, StudyInstanceUID, userId: change.author, occurredAt: change.occurredAt, eventId: change.eventId, recordedAt: input.recordedAt });
    changedSubmissions.add(key);
    for (const state of states.values()) {
      if (state.projectId === projectId && state.StudyInstanceUID === StudyInstanceUID && state.createdBy === change.author) submitIfDue(state);
    }
    return undefined;
  };

  const rejections = changes.map(change => {
    if ('snapshot' in change) return applyLabel(change);
    if ('removal' in change) return applyRemoval(change);
    return applySubmission(change);
  });

  return {
    rejections,
    versions,
    states: [...touched].map(id => states.get(id)!),
    submissions: [...changedSubmissions].map(key => submissions.get(key)!),
  };
}

function newState(labelId: string, projectId: string, StudyInstanceUID: string, change: { eventId: string; occurredAt: string; author: string }): LabelState {
  return {
    labelId,
    projectId,
    StudyInstanceUID,
    createdBy: change.author,
    currentVersion: null,
    lastVersion: 0,
    snapshot: null,
    deleted: false,
    lastOccurredAt: change.occurredAt,
    lastEventId: change.eventId,
    lastAuthor: change.author,
  };
}

const movedReason = (labelId: string) => `label ${labelId} belongs to another project or study; a label cannot move`;
