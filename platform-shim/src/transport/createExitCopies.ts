import type { OutboxRecord } from './openOutboxStore.js';

/**
 * In-memory copies of this tab's newest unacknowledged events, up to the keepalive budget. On
 * pagehide only synchronous work is sure to run, so there is no time to read IndexedDB: these
 * copies are what the tab can still send. They are copies only; the outbox keeps the events.
 */
export interface ExitCopies {
  add(records: readonly OutboxRecord[]): void;
  forget(eventIds: readonly string[]): void;
  /** Oldest first, as many as fit in `maxBytes` of event JSON. */
  take(maxBytes: number): OutboxRecord[];
  size(): number;
}

export function createExitCopies(capBytes: number): ExitCopies {
  const copies = new Map<string, OutboxRecord>();
  let bytes = 0;
  return {
    add(records) {
      for (const record of records) {
        // Past the cap the copies stop growing; the events are still in the outbox for the next visit.
        if (copies.has(record.eventId) || bytes + record.bytes > capBytes) continue;
        copies.set(record.eventId, record);
        bytes += record.bytes;
      }
    },
    forget(eventIds) {
      for (const eventId of eventIds) {
        const record = copies.get(eventId);
        if (!record) continue;
        copies.delete(eventId);
        bytes -= record.bytes;
      }
    },
    take(maxBytes) {
      const taken: OutboxRecord[] = [];
      let total = 0;
      for (const record of [...copies.values()].sort((a, b) => a.seq - b.seq)) {
        if (total + record.bytes + 1 > maxBytes) break;
        taken.push(record);
        total += record.bytes + 1;
      }
      return taken;
    },
    size: () => copies.size,
  };
}
