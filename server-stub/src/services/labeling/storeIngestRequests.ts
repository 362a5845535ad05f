import type { ClientEvent, IngestResult, SessionUser } from '@readingroom/platform-shim';
import { storedEventKey } from '../../stores/labeling/createClientEventStore.js';
import type { TransactionalStoreSet } from '../../stores/labeling/createLabelingStores.js';
import type { CaseSubmissionRecord, ClientEventRecord, LabelState, LabelVersionRecord, TimingSegmentRecord } from '../../stores/labeling/labelRecords.js';
import type { AuditEntry, AuditRecorder } from '../../ledger/AuditRecorder.js';
import { toLabelingAuditEntries } from '../../ledger/entries/toLabelingAuditEntries.js';
import { checkEventRules } from './checkEventRules.js';
import type { SchemaCache } from './createSchemaCache.js';
import { loadPlanInput } from './loadPlanInput.js';
import { planLabelChanges, submissionKey, type LabelChange } from './planLabelChanges.js';

/** One POST's events that passed the contract and authorization, each with its index in the POST. */
export interface IngestRequest {
  clientId: string;
  user: SessionUser;
  receivedAt: string;
  candidates: ReadonlyArray<{ index: number; event: ClientEvent }>;
}

/** A candidate with the request it came in and that request's answers. */
interface Item {
  request: IngestRequest;
  results: IngestResult[];
  index: number;
  event: ClientEvent;
}

export interface StoreDeps {
  schemas: SchemaCache;
  /** The ledger: label versions, submissions and client audit events are recorded in the same transaction. */
  audit?: AuditRecorder;
}

/**
 * Stores the requests in one transaction (`tx`), as if each were stored after the one before it:
 * duplicates (same client and event id, stored before or earlier in the group) answered
 * `duplicate`, rule breaks `rejected`, the rest `stored` with the label versions, states,
 * submissions, timing and ledger records they make. Answers per request, by event index (the
 * caller fills in what it decided before). Reads and writes go in one statement per table for the
 * whole group.
 */
export async function storeIngestRequests(tx: TransactionalStoreSet, requests: readonly IngestRequest[], deps: StoreDeps): Promise<IngestResult[][]> {
  const answers = requests.map(() => [] as IngestResult[]);
  const items = requests.flatMap((request, r) => request.candidates.map(({ index, event }) => ({ request, results: answers[r]!, index, event })));
  // Label changes of one study are serialized across server processes (a no-op on SQLite), every
  // study of the group in one statement, in sorted order.
  await tx.lock([...new Set(items.filter(c => isLabelEvent(c.event)).map(c => c.event.payload.StudyInstanceUID))].sort().map(study => `labels ${study}`));

  // Read for every item at once (one round trip on PostgreSQL); duplicates and rule breaks are
  // then left out, and only what the remaining items name is used.
  const read = await tx.ingestInputs.read({
    events: items.map(c => ({ clientId: c.request.clientId, eventId: c.event.eventId })),
    pairs: items.flatMap(({ event }) => (hasMembership(event) ? [event.payload] : [])),
    labelIds: items.flatMap(({ event }) => (hasLabelId(event) ? [event.payload.labelId] : [])),
  });
  const fresh = dropDuplicates(items, read.stored);
  const valid = await checkRules(tx, fresh, deps.schemas, read.memberships);
  const labelItems = valid.filter((c): c is Item & { event: LabelEvent } => isLabelEvent(c.event));
  const changeOf = new Map(labelItems.map(c => [c, toLabelChange(c.event, c.request.user.id)]));
  const input = await loadPlanInput(tx, [...changeOf.values()], requests[0]!.receivedAt, read.states, read.submissions);

  // Planned request by request, each on the states the one before left: the same versions as
  // storing the requests one after the other.
  const states = new Map(input.states);
  const submissions = new Map(input.submissions);
  const rejected = new Set<Item>();
  // One row per label and per case, as the last plan left it (a statement may not upsert a row twice).
  const changedStates = new Map<string, LabelState>();
  const changedSubmissions = new Map<string, CaseSubmissionRecord>();
  const entries: AuditEntry[] = [];
  const versions: LabelVersionRecord[] = [];
  const events: ClientEventRecord[] = [];
  const segments: TimingSegmentRecord[] = [];
  const validOf = groupByRequest(valid);
  const changesOf = groupByRequest(labelItems);
  for (const request of requests) {
    const mine = validOf.get(request) ?? [];
    const changes = changesOf.get(request) ?? [];
    const plan = planLabelChanges(
      changes.map(c => changeOf.get(c)!),
      { states, submissions, recordedAt: request.receivedAt },
    );
    plan.rejections.forEach((reason, i) => {
      if (reason === undefined) return;
      const item = changes[i]!;
      rejected.add(item);
      item.results[item.index] = { eventId: item.event.eventId, index: item.index, status: 'rejected', reason };
    });
    for (const state of plan.states) {
      states.set(state.labelId, state);
      changedStates.set(state.labelId, state);
    }
    for (const submission of plan.submissions) {
      const key = submissionKey(submission.projectId, submission.StudyInstanceUID, submission.userId);
      submissions.set(key, submission);
      changedSubmissions.set(key, submission);
    }
    const accepted = mine.filter(c => !rejected.has(c));
    for (const c of accepted) {
      events.push(toEventRecord(c.event, request));
      if (c.event.type === 'timing.segment') segments.push(toSegmentRecord(c.event, request));
      c.results[c.index] = { eventId: c.event.eventId, index: c.index, status: 'stored' };
    }
    versions.push(...plan.versions);
    entries.push(
      ...toLabelingAuditEntries({ user: request.user, clientId: request.clientId, versions: plan.versions, submissions: plan.submissions, events: accepted.map(c => c.event) }),
    );
  }

  // The rows, then the ledger (its lock last in the transaction, held from there to the commit):
  // both sent at once, in that order on the connection, so the ledger seals its records while
  // PostgreSQL writes the rows instead of after. Failures surface in that order too.
  const outcomes = await Promise.allSettled([
    tx.ingest.save({ events, versions, states: [...changedStates.values()], submissions: [...changedSubmissions.values()], segments }),
    deps.audit?.record(entries, { tx: tx.tx }),
  ]);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  return answers;
}

/** Items by the request they came in, in their order. */
function groupByRequest<T extends Item>(items: readonly T[]): Map<IngestRequest, T[]> {
  const groups = new Map<IngestRequest, T[]>();
  for (const item of items) {
    const group = groups.get(item.request);
    if (group) group.push(item);
    else groups.set(item.request, [item]);
  }
  return groups;
}

/** Marks events already stored for their client (`stored`, as findStored names them), or earlier in the group, `duplicate`; the rest. */
function dropDuplicates(items: Item[], stored: Set<string>): Item[] {
  return items.filter(c => {
    const key = storedEventKey(c.request.clientId, c.event.eventId);
    if (!stored.has(key)) {
      stored.add(key);
      return true;
    }
    c.results[c.index] = { eventId: c.event.eventId, index: c.index, status: 'duplicate' };
    return false;
  });
}

/** Rejects events that break a rule; resolves schemas, projects and memberships once per group. */
async function checkRules(tx: TransactionalStoreSet, items: Item[], schemas: SchemaCache, memberships: Set<string>): Promise<Item[]> {
  const projectIds = items.flatMap(({ event }) => ('projectId' in event.payload && event.payload.projectId !== undefined ? [event.payload.projectId] : []));
  await schemas.resolveProjects(tx.projects, projectIds);
  const wanted = items.flatMap(({ event }) => (event.type === 'label.created' || event.type === 'label.modified' ? [{ projectId: event.payload.projectId, version: event.payload.schemaVersion }] : []));
  await schemas.resolve(tx.projects, wanted);
  return items.filter(({ index, event, results }) => {
    const reason = checkEventRules(event, { schemas, memberships });
    if (reason !== undefined) results[index] = { eventId: event.eventId, index, status: 'rejected', reason };
    return reason === undefined;
  });
}

type LabelEvent = Extract<ClientEvent, { type: 'label.created' | 'label.modified' | 'label.removed' | 'case.submitted' }>;

/** Events whose project must label their study (checkEventRules). */
function hasMembership(event: ClientEvent): event is Extract<ClientEvent, { type: 'label.created' | 'label.modified' | 'case.submitted' }> {
  return event.type === 'label.created' || event.type === 'label.modified' || event.type === 'case.submitted';
}

/** Events naming one label, whose state the plan needs. */
function hasLabelId(event: ClientEvent): event is Extract<ClientEvent, { type: 'label.created' | 'label.modified' | 'label.removed' }> {
  return event.type === 'label.created' || event.type === 'label.modified' || event.type === 'label.removed';
}

export function isLabelEvent(event: ClientEvent): event is LabelEvent {
  return event.type === 'label.created' || event.type === 'label.modified' || event.type === 'label.removed' || event.type === 'case.submitted';
}

function toLabelChange(event: LabelEvent, author: string): LabelChange {
  const at = { eventId: event.eventId, occurredAt: event.occurredAt, author };
  if (event.type === 'label.removed') return { ...at, type: event.type, removal: event.payload };
  if (event.type === 'case.submitted') return { ...at, type: event.type, submission: event.payload };
  return { ...at, type: event.type, snapshot: event.payload };
}

function toEventRecord(event: ClientEvent, request: IngestRequest): ClientEventRecord {
  return {
    clientId: request.clientId,
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    receivedAt: request.receivedAt,
    userId: request.user.id,
    StudyInstanceUID: event.payload.StudyInstanceUID,
    payload: JSON.stringify(event.payload),
  };
}

function toSegmentRecord(event: Extract<ClientEvent, { type: 'timing.segment' }>, request: IngestRequest): TimingSegmentRecord {
  const segment = event.payload;
  return {
    clientId: request.clientId,
    eventId: event.eventId,
    userId: request.user.id,
    projectId: segment.projectId ?? null,
    StudyInstanceUID: segment.StudyInstanceUID,
    labelId: segment.labelId ?? null,
    findingTypeId: segment.findingTypeId ?? null,
    startedAt: segment.startedAt,
    endedAt: segment.endedAt,
    startedMs: Date.parse(segment.startedAt),
    activeMs: segment.activeMs,
  };
}
