import type { IngestResult } from '../contract/ingest.js';
import type { SyncRejection } from './syncStatus.js';

export interface BatchSettlement {
  /** Stored now or earlier (duplicates are deliveries: the server already has them). */
  delivered: string[];
  rejected: SyncRejection[];
  /** Events the answer did not account for; they stay in the outbox. */
  unanswered: string[];
}

/**
 * Reads the server's per-event answer for a batch. An answer is matched by position and must
 * name the same event, so a confused answer can never remove an event it does not mention.
 */
export function settleBatchResults(eventIds: readonly string[], results: readonly IngestResult[]): BatchSettlement {
  const settlement: BatchSettlement = { delivered: [], rejected: [], unanswered: [] };
  const byIndex = new Map(results.map(result => [result.index, result]));
  eventIds.forEach((eventId, index) => {
    const result = byIndex.get(index);
    if (!result || (result.eventId !== null && result.eventId !== eventId)) settlement.unanswered.push(eventId);
    else if (result.status === 'rejected') settlement.rejected.push({ eventId, reason: result.reason ?? 'refused without a reason' });
    else settlement.delivered.push(eventId);
  });
  return settlement;
}
