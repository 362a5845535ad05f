import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUuidV7, type ClientEvent } from '@readingroom/platform-shim';
import { generateNoteKeyPair } from '../../src/ledger/core/index.js';
import { openDatabase } from '../../src/stores/db/openDatabase.js';
import { createTestDatabaseUrl, testDialect, type TestDatabaseUrl } from '../testDatabase.js';
import { STUDY, at, labelEvent, nodule, schema, timingEvent } from '../api/labelingFixtures.js';
import { killBuiltServer, runAuditVerify, startBuiltServer, type BuiltServer } from '../builtServer.js';
import { holdLedgerLock } from './holdLedgerLock.js';

// A real server process (the built CLI) is SIGKILLed while it works on a big batch, at several
// moments after the request went out; after each kill the batch is stored whole or not at all,
// in the events and in the ledger, `readingroom audit verify` passes, and a resend stores it once.
const EVENTS_PER_BATCH = 500; // the most a batch may hold (MAX_EVENTS_PER_BATCH)
const KILL_AFTER_MS = [0, 5, 15, 30, 60, 120];
// Label creations and audit events are ledgered (one record each); timing segments are not.
const LEDGERED_PER_BATCH = Math.ceil((EVENTS_PER_BATCH * 2) / 3);
const keys = generateNoteKeyPair('kill-mid-batch.test/audit');

let dir: string;
let database: TestDatabaseUrl;
let env: NodeJS.ProcessEnv;
const started: ChildProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readingroom-kill-mid-batch-'));
  mkdirSync(join(dir, 'ohif'));
  writeFileSync(join(dir, 'ohif', 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'audit.key'), `${keys.signerKey}\n`, { mode: 0o600 });
  database = await createTestDatabaseUrl();
  env = {
    DATA_DIR: join(dir, 'data'), DATABASE_URL: database.url, OHIF_DIST_DIR: join(dir, 'ohif'), SEED_DEMO: 'false', IDENTITY: 'development',
    AUDIT_SIGNING_KEY_FILE: join(dir, 'audit.key'),
  };
});
afterAll(async () => {
  // A failed test must not leave a server behind.
  await Promise.all(started.map(killBuiltServer));
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(): Promise<BuiltServer> {
  return startBuiltServer(env, child => started.push(child));
}

async function call(url: string, method: string, body?: unknown) {
  const response = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

/** Label creations, client audit events and timing segments: a big outbox batch. */
function makeBatch(): { clientId: string; events: ClientEvent[] } {
  const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i): ClientEvent => {
    if (i % 3 === 1) return { eventId: createUuidV7(), type: 'audit', occurredAt: at(i % 60), payload: { action: 'study.opened', StudyInstanceUID: STUDY, mode: 'labeling' } };
    if (i % 3 === 2) return timingEvent(i % 50, (i % 50) + 2);
    return labelEvent('label.created', nodule(createUuidV7(), 5 + (i % 20)), at(i % 60));
  });
  return { clientId: createUuidV7(), events };
}

/** How many of the batch's events the database holds, and how many ledger records name them. */
async function countStored(batch: { clientId: string; events: ClientEvent[] }): Promise<{ events: number; ledgerRecords: number }> {
  const db = await openDatabase(database.url, { poolMax: 1 });
  try {
    const events = await db.queryOne<{ n: number }>('SELECT COUNT(*) AS n FROM client_events WHERE client_id = ?', [batch.clientId]);
    const ids = new Set(batch.events.map(e => e.eventId));
    const contents = await db.query<{ canonical_content: string }>('SELECT canonical_content FROM audit_ledger');
    const ledgerRecords = contents.filter(row => ids.has((JSON.parse(row.canonical_content) as { detail: { clientEventId?: string } }).detail.clientEventId ?? '')).length;
    return { events: Number(events!.n), ledgerRecords };
  } finally {
    await db.close();
  }
}

/** After a kill: the batch is stored whole or not at all (events and ledger alike) and the ledger verifies; resent to a restarted server, it is stored once. */
async function checkAfterKillAndResend(batch: { clientId: string; events: ClientEvent[] }, answer: number | 'no answer'): Promise<{ server: BuiltServer; storedBeforeResend: number }> {
  const afterKill = await countStored(batch);
  expect([0, EVENTS_PER_BATCH]).toContain(afterKill.events);
  expect(afterKill.ledgerRecords).toBe(afterKill.events === 0 ? 0 : LEDGERED_PER_BATCH);
  if (answer === 200) expect(afterKill.events).toBe(EVENTS_PER_BATCH);
  expect(await runAuditVerify(env)).toMatchObject({ code: 0, report: { ok: true } });

  // The outbox sends the batch again to the restarted server.
  const server = await serve();
  const resent = (await call(`${server.url}/api/v1/events`, 'POST', batch)) as { results: Array<{ status: string }> };
  expect(resent.results.map(r => r.status)).toEqual(Array(EVENTS_PER_BATCH).fill(afterKill.events === 0 ? 'stored' : 'duplicate'));
  expect(await countStored(batch)).toEqual({ events: EVENTS_PER_BATCH, ledgerRecords: LEDGERED_PER_BATCH });
  return { server, storedBeforeResend: afterKill.events };
}

const post = (server: BuiltServer, batch: unknown): Promise<number | 'no answer'> =>
  fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) }).then(
    response => response.status,
    () => 'no answer' as const,
  );

describe(`a server process killed in the middle of a batch (${testDialect})`, () => {
  it('stores the batch whole or not at all, the ledger verifies, and a resend is stored once', async () => {
    let server = await serve();
    await call(`${server.url}/api/v1/projects/lung`, 'PUT', { title: 'Lung nodules' });
    await call(`${server.url}/api/v1/projects/lung/schemas`, 'POST', schema);
    await call(`${server.url}/api/v1/projects/lung/studies/${STUDY}`, 'PUT');
    let batches = 0;

    if (testDialect === 'postgres') {
      // Deterministically in the middle: the test holds the ledger's advisory lock, so the ingest
      // transaction has written the events, labels and timing and waits to append to the ledger.
      const holder = await holdLedgerLock(database.url);
      const batch = makeBatch();
      try {
        const sent = post(server, batch);
        await holder.waitForWaiter();
        await killBuiltServer(server.child);
        expect(await sent).toBe('no answer');
      } finally {
        await holder.release();
      }
      batches++;
      const after = await checkAfterKillAndResend(batch, 'no answer');
      expect(after.storedBeforeResend).toBe(0);
      server = after.server;
    }

    // Kills at moments spread over the batch's work (parsing, checks, the transaction, the answer).
    const outcomes: string[] = [];
    for (const delayMs of KILL_AFTER_MS) {
      const batch = makeBatch();
      const sent = post(server, batch);
      await new Promise(resolve => setTimeout(resolve, delayMs));
      await killBuiltServer(server.child);
      const answer = await sent;
      const after = await checkAfterKillAndResend(batch, answer);
      server = after.server;
      outcomes.push(`${answer}, stored ${after.storedBeforeResend}`);
      batches++;
    }
    // At least one kill came before the server answered.
    expect(outcomes.some(o => o.startsWith('no answer'))).toBe(true);

    await killBuiltServer(server.child);
    expect(await runAuditVerify(env)).toMatchObject({ code: 0, report: { ok: true, records: LEDGERED_PER_BATCH * batches } });
  }, 180_000);
});
