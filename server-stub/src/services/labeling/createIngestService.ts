import { validateClientEvent, type ClientEvent, type IngestBatchRequest, type IngestResult, type SessionUser } from '@readingroom/platform-shim';
import type { LabelingStores } from '../../stores/labeling/createLabelingStores.js';
import type { AuditRecorder } from '../../ledger/AuditRecorder.js';
import type { Authorize } from './authorize.js';
import { authorizeEvents } from './authorizeEvents.js';
import { createGroupRunner } from './createGroupRunner.js';
import type { SchemaCache } from './createSchemaCache.js';
import { storeIngestRequests, type IngestRequest } from './storeIngestRequests.js';

export interface IngestService {
  ingest(batch: IngestBatchRequest, user: SessionUser): Promise<IngestResult[]>;
}

interface Candidate {
  index: number;
  event: ClientEvent;
}

/** Events of concurrent requests stored in one transaction, at most (a request is never split). */
export const MAX_GROUP_EVENTS = 2000;

/**
 * Event ingest, v2. Each event is checked on its own (contract shape, then the rules: project,
 * study membership, the schema version a label names), and answered stored / duplicate (same
 * client and event id already stored) / rejected (with the reason); the good ones of a batch are
 * stored in one transaction with the label versions, states, submissions and timing they make.
 *
 * Concurrent requests (many labelers' outboxes) share that transaction (group commit): while one
 * transaction runs, the requests arriving meanwhile wait and then go in the next one together,
 * each answered for its own events as if stored alone after the others. Should that shared
 * transaction fail, each request is retried in a transaction of its own, so one request's failure
 * is not another's; a request whose own transaction fails gets the error, and nothing of it is stored.
 */
export function createIngestService(deps: { stores: LabelingStores; schemas: SchemaCache; authorize: Authorize; audit?: AuditRecorder; now?: () => Date }): IngestService {
  const now = deps.now ?? (() => new Date());
  const storeDeps = { schemas: deps.schemas, audit: deps.audit };
  const store = (requests: readonly IngestRequest[]) => deps.stores.transaction(tx => storeIngestRequests(tx, requests, storeDeps));
  const storeGroup = createGroupRunner<IngestRequest, IngestResult[]>(
    async requests => {
      if (requests.length === 1) return [{ status: 'fulfilled', value: (await store(requests))[0]! }];
      try {
        return (await store(requests)).map(value => ({ status: 'fulfilled', value }));
      } catch {
        // Whichever request the failure came from, the others must not share it: each alone.
        const outcomes: Array<PromiseSettledResult<IngestResult[]>> = [];
        for (const request of requests) {
          try {
            outcomes.push({ status: 'fulfilled', value: (await store([request]))[0]! });
          } catch (error) {
            outcomes.push({ status: 'rejected', reason: error });
          }
        }
        return outcomes;
      }
    },
    { maxWeight: MAX_GROUP_EVENTS, weigh: request => request.candidates.length },
  );

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
      const stored = await storeGroup({ clientId: batch.clientId, user, receivedAt, candidates: allowed });
      for (const { index } of allowed) results[index] = stored[index]!;
      return results;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readableEventId(raw: unknown): string | null {
  const eventId = typeof raw === 'object' && raw !== null ? (raw as { eventId?: unknown }).eventId : undefined;
  return typeof eventId === 'string' && UUID.test(eventId) ? eventId : null;
}
