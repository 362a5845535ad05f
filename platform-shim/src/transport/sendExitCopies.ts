import type { ApiClient } from '../api/createApiClient.js';
import type { ExitCopies } from './createExitCopies.js';
import type { KeepaliveBudget } from './createOutboxFlusher.js';
import type { OutboxStore } from './openOutboxStore.js';
import { measureEnvelopeBytes } from './planBatch.js';
import { settleBatchResults } from './settleBatchResults.js';

/**
 * On pagehide only synchronous work is sure to happen: sends this tab's in-memory copies of its
 * unsent events with keepalive, within what is left of the keepalive budget. The fetch starts
 * before this returns; its answer is used only if the page lives on (back/forward cache),
 * otherwise the next visit sends the events again and the server answers "duplicate".
 */
export function sendExitCopies(deps: {
  api: Pick<ApiClient, 'postEvents'>;
  store: OutboxStore;
  clientId: string;
  copies: ExitCopies;
  keepalive: KeepaliveBudget;
  onSettled: () => void;
}): void {
  const { api, store, clientId, copies, keepalive } = deps;
  const envelope = measureEnvelopeBytes(clientId);
  const records = copies.take(keepalive.limit - keepalive.inFlight - envelope);
  if (records.length === 0) return;
  const bytes = envelope + records.reduce((sum, r) => sum + r.bytes + 1, 0);
  keepalive.inFlight += bytes;
  api
    .postEvents(clientId, records.map(r => r.event), { keepalive: true })
    .then(response => store.settle(records, settleBatchResults(records.map(r => r.eventId), response.results)))
    .then(deps.onSettled)
    .catch(() => undefined)
    .finally(() => (keepalive.inFlight -= bytes));
}
