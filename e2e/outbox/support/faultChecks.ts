import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import { expectEachEventLedgeredOnce, expectLedgerVerifies } from './ledgerChecks';

/** What a fault test hands to the checks that run after it. */
export interface FaultContext {
  baseURL: string;
  /** The server's data folder (its SQLite database is `readingroom.sqlite` there). */
  dataDir: string;
  /** The outbox's client id: with an event id, the server's idempotency key. */
  clientId: string;
  /** Every event the outbox accepted (send() resolved) during the test. */
  eventIds: string[];
}

export type FaultCheck = (context: FaultContext) => Promise<void>;

/** How many times the server keeps each event (client_events is the raw log of accepted events). */
export function countStoredEvents(dataDir: string, clientId: string, eventIds: readonly string[]): Map<string, number> {
  const db = new Database(join(dataDir, 'readingroom.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT event_id AS eventId, COUNT(*) AS n FROM client_events WHERE client_id = ? GROUP BY event_id').all(clientId) as Array<{ eventId: string; n: number }>;
    const counts = new Map(rows.map(r => [r.eventId, r.n]));
    return new Map(eventIds.map(id => [id, counts.get(id) ?? 0]));
  } finally {
    db.close();
  }
}

/** Nothing lost, nothing duplicated: every accepted event is stored exactly once. */
export const expectEachEventStoredOnce: FaultCheck = async ({ dataDir, clientId, eventIds }) => {
  const counts = countStoredEvents(dataDir, clientId, eventIds);
  const wrong = [...counts].filter(([, n]) => n !== 1).map(([id, n]) => `${id}: stored ${n}×`);
  expect(wrong, 'events not stored exactly once').toEqual([]);
};

/**
 * The checks every fault test runs at its end: each accepted event stored once, each label change
 * and audit event ledgered once, and `readingroom audit verify` passes over the server's data
 * folder, so each fault also proves the ledger still verifies.
 */
export const afterFaultChecks: FaultCheck[] = [expectEachEventStoredOnce, expectEachEventLedgeredOnce, expectLedgerVerifies];

export async function verifyAfterFault(context: FaultContext): Promise<void> {
  for (const check of afterFaultChecks) await check(context);
}
