import {
  validateClientEvent,
  type IngestBatchRequest,
  type IngestResult,
  type SessionUser,
} from '@readingroom/platform-shim';
import type { EventStore, EventToAppend } from '../stores/createEventStore.js';

export interface IngestService {
  ingest(batch: IngestBatchRequest, user: SessionUser): Promise<IngestResult[]>;
}

/**
 * Validates every event of a batch on its own against the shared contract: a bad event is
 * rejected with its reason and the good ones are still stored, in one transaction.
 * Replays are answered "duplicate", so a client may resend a batch it is unsure about.
 */
export function createIngestService(deps: { eventStore: EventStore; now?: () => Date }): IngestService {
  const now = deps.now ?? (() => new Date());
  return {
    async ingest(batch, user) {
      const receivedAt = now().toISOString();
      const results: IngestResult[] = [];
      const accepted: Array<{ index: number; input: EventToAppend }> = [];

      batch.events.forEach((raw, index) => {
        const validation = validateClientEvent(raw);
        if (validation.ok) {
          accepted.push({ index, input: { clientId: batch.clientId, event: validation.value, userId: user.id, receivedAt } });
          results[index] = { eventId: validation.value.eventId, index, status: 'stored' };
        } else {
          results[index] = { eventId: readableEventId(raw), index, status: 'rejected', reason: validation.errors.join('; ') };
        }
      });

      const outcomes = await deps.eventStore.append(accepted.map(a => a.input));
      outcomes.forEach((outcome, i) => {
        results[accepted[i]!.index]!.status = outcome;
      });
      return results;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readableEventId(raw: unknown): string | null {
  const eventId = typeof raw === 'object' && raw !== null ? (raw as { eventId?: unknown }).eventId : undefined;
  return typeof eventId === 'string' && UUID.test(eventId) ? eventId : null;
}
