import { validateClientEvent, type ClientEvent, type IngestBatchRequest, type IngestResult, type SessionUser } from '@readingroom/platform-shim';
import type { LabelingStores, TransactionalStoreSet } from '../../stores/labeling/createLabelingStores.js';
import type { ClientEventRecord, TimingSegmentRecord } from '../../stores/labeling/labelRecords.js';
import type { AuditRecorder } from '../../ledger/AuditRecorder.js';
import { toLabelingAuditEntries } from '../../ledger/entries/toLabelingAuditEntries.js';
import { checkEventRules } from './checkEventRules.js';
import type { Authorize } from './authorize.js';
import { authorizeEvents } from './authorizeEvents.js';
import type { SchemaCache } from './createSchemaCache.js';
import { loadPlanInput } from './loadPlanInput.js';
import { planLabelChanges, type LabelChange } from './planLabelChanges.js';

export interface IngestService {
  ingest(batch: IngestBatchRequest, user: SessionUser): Promise<IngestResult[]>;
}

interface Candidate {
  index: number;
  event: ClientEvent;
}

/**
 * Event ingest, v2. Each event is checked on its own (contract shape, then the rules: project,
 * study membership, the schema version a label names), and answered stored / duplicate (same
 * client and event id already stored) / rejected (with the reason); the good ones of a batch are
 * stored in one transaction with the label versions, states, submissions and timing they make.
 */
export function createIngestService(deps: { stores: LabelingStores; schemas: SchemaCache; authorize: Authorize; audit?: AuditRecorder; now?: () => Date }): IngestService {
  const now = deps.now ?? (() => new Date());
  return {
    async ingest(batch, user) {
      await deps.authorize(user, 'events.write');
      const receivedAt = now().toISOString();
      const results: IngestResult[] = [];
      const candidates: Candidate[] = [];
      const seen = new Set<string>();
      batch.events.forEach((raw, index) => {
        const validation = validateClientEvent(raw);
        if (!validation.ok) results[index] = { eventId: readableEventId(raw), index, status: 'rejected', reason: validation.errors.join('; ') };
        else if (seen.has(validation.value.eventId)) results[index] = { eventId: validation.value.eventId, index, status: 'duplicate' };
        else {
          seen.add(validation.value.eventId);
          candidates.push({ index, event: validation.value });
        }
      });
      const refused = await authorizeEvents(candidates, user, deps.authorize);
      const allowed = candidates.filter(({ index, event }) => {
        const reason = refused.get(index);
        if (reason !== undefined) results[index] = { eventId: event.eventId, index, status: 'rejected', reason };
        return reason === undefined;
      });
      if (allowed.length === 0) return results;
      await deps.stores.transaction(tx => storeCandidates(tx, { candidates: allowed, results, clientId: batch.clientId, user, receivedAt, schemas: deps.schemas, audit: deps.audit }));
      return results;
    },
  };
}

interface BatchContext {
  candidates: Candidate[];
  results: IngestResult[];
  clientId: string;
  user: SessionUser;
  receivedAt: string;
  schemas: SchemaCache;
  /** The ledger: label versions, submissions and client audit events are recorded in the same transaction. */
  audit?: AuditRecorder;
}

async function storeCandidates(tx: TransactionalStoreSet, batch: BatchContext): Promise<void> {
  const { candidates, results } = batch;
  // Label changes of one study are serialized across server processes (a no-op on SQLite), every
  // study of the batch in one statement, in sorted order.
  await tx.lock([...new Set(candidates.filter(c => isLabelEvent(c.event)).map(c => c.event.payload.StudyInstanceUID))].sort().map(study => `labels ${study}`));

  const stored = await tx.events.findStored(batch.clientId, candidates.map(c => c.event.eventId));
  const fresh = candidates.filter(c => {
    if (!stored.has(c.event.eventId)) return true;
    results[c.index] = { eventId: c.event.eventId, index: c.index, status: 'duplicate' };
    return false;
  });

  const valid = await checkRules(tx, fresh, batch);
  const changes = valid.filter((c): c is Candidate & { event: LabelEvent } => isLabelEvent(c.event));
  const labelChanges = changes.map(c => toLabelChange(c.event, batch.user.id));
  const plan = planLabelChanges(labelChanges, await loadPlanInput(tx, labelChanges, batch.receivedAt));
  const rejectedByPlan = new Set<number>();
  plan.rejections.forEach((reason, i) => {
    if (reason === undefined) return;
    const { index, event } = changes[i]!;
    rejectedByPlan.add(index);
    results[index] = { eventId: event.eventId, index, status: 'rejected', reason };
  });
  const accepted = valid.filter(c => !rejectedByPlan.has(c.index));

  await tx.events.append(accepted.map(c => toEventRecord(c.event, batch)));
  await tx.labels.insertVersions(plan.versions);
  await tx.labels.saveStates(plan.states);
  await tx.cases.saveSubmissions(plan.submissions);
  await tx.timing.insertSegments(accepted.flatMap(c => (c.event.type === 'timing.segment' ? [toSegmentRecord(c.event, batch)] : [])));
  for (const { index, event } of accepted) results[index] = { eventId: event.eventId, index, status: 'stored' };
  const events = accepted.map(c => c.event);
  const entries = toLabelingAuditEntries({ user: batch.user, clientId: batch.clientId, versions: plan.versions, submissions: plan.submissions, events });
  // Last in the transaction: the ledger lock is held from here to the commit.
  await batch.audit?.record(entries, { tx: tx.tx });
}

/** Rejects events that break a rule; resolves schemas, projects and memberships once per batch. */
async function checkRules(tx: TransactionalStoreSet, events: Candidate[], batch: BatchContext): Promise<Candidate[]> {
  const projectIds = events.flatMap(({ event }) => ('projectId' in event.payload && event.payload.projectId !== undefined ? [event.payload.projectId] : []));
  await batch.schemas.resolveProjects(tx.projects, projectIds);
  const wanted = events.flatMap(({ event }) => (event.type === 'label.created' || event.type === 'label.modified' ? [{ projectId: event.payload.projectId, version: event.payload.schemaVersion }] : []));
  await batch.schemas.resolve(tx.projects, wanted);
  const pairs = events.flatMap(({ event }) => (event.type === 'label.created' || event.type === 'label.modified' || event.type === 'case.submitted' ? [event.payload] : []));
  const memberships = pairs.length > 0 ? await tx.projects.findMemberships(pairs) : new Set<string>();
  return events.filter(({ index, event }) => {
    const reason = checkEventRules(event, { schemas: batch.schemas, memberships });
    if (reason !== undefined) batch.results[index] = { eventId: event.eventId, index, status: 'rejected', reason };
    return reason === undefined;
  });
}

type LabelEvent = Extract<ClientEvent, { type: 'label.created' | 'label.modified' | 'label.removed' | 'case.submitted' }>;

function isLabelEvent(event: ClientEvent): event is LabelEvent {
  return event.type === 'label.created' || event.type === 'label.modified' || event.type === 'label.removed' || event.type === 'case.submitted';
}

function toLabelChange(event: LabelEvent, author: string): LabelChange {
  const at = { eventId: event.eventId, occurredAt: event.occurredAt, author };
  if (event.type === 'label.removed') return { ...at, type: event.type, removal: event.payload };
  if (event.type === 'case.submitted') return { ...at, type: event.type, submission: event.payload };
  return { ...at, type: event.type, snapshot: event.payload };
}

function toEventRecord(event: ClientEvent, batch: BatchContext): ClientEventRecord {
  return {
    clientId: batch.clientId,
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    receivedAt: batch.receivedAt,
    userId: batch.user.id,
    StudyInstanceUID: event.payload.StudyInstanceUID,
    payload: JSON.stringify(event.payload),
  };
}

function toSegmentRecord(event: Extract<ClientEvent, { type: 'timing.segment' }>, batch: BatchContext): TimingSegmentRecord {
  const segment = event.payload;
  return {
    clientId: batch.clientId,
    eventId: event.eventId,
    userId: batch.user.id,
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readableEventId(raw: unknown): string | null {
  const eventId = typeof raw === 'object' && raw !== null ? (raw as { eventId?: unknown }).eventId : undefined;
  return typeof eventId === 'string' && UUID.test(eventId) ? eventId : null;
}
