import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import type { FaultCheck } from './faultChecks';

const cli = fileURLToPath(new URL('../../../server-stub/dist/cli.js', import.meta.url));

/**
 * `readingroom audit verify --json` over the server's data folder, as a site's auditor runs it:
 * the verifier key written beside the server's signing key, every record, the hash chain, the
 * Merkle tree and every signed checkpoint. Exits 0 only when the whole ledger verifies.
 */
export const expectLedgerVerifies: FaultCheck = async ({ dataDir }) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.AUDIT_SIGNING_KEY_FILE;
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'audit', 'verify', '--json'], { env }).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    throw new Error(`readingroom audit verify exited with ${error.code}: ${error.stderr ?? ''}${error.stdout ?? ''}`);
  });
  const report = JSON.parse(stdout) as { ok: boolean; records: number };
  expect(report.ok, 'the audit ledger verifies').toBe(true);
  expect(report.records).toBeGreaterThan(0);
};

/** Event types the ledger records once each (timing segments are not ledgered; a submission also records its label versions). */
const LEDGERED_ONCE = new Set(['audit', 'label.created', 'label.modified', 'label.removed']);

/**
 * Nothing lost or doubled in the ledger either: each stored label change and client audit event
 * of the test has exactly one ledger record (found by its client event id and client id).
 */
export const expectEachEventLedgeredOnce: FaultCheck = async ({ dataDir, clientId, eventIds }) => {
  const db = new Database(join(dataDir, 'readingroom.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const types = new Map(
      (db.prepare('SELECT event_id AS eventId, type FROM client_events WHERE client_id = ?').all(clientId) as Array<{ eventId: string; type: string }>).map(r => [r.eventId, r.type]),
    );
    const ledgered = new Map<string, number>();
    const rows = db
      .prepare(`SELECT json_extract(canonical_content, '$.detail.clientEventId') AS eventId, COUNT(*) AS n FROM audit_ledger
        WHERE json_extract(canonical_content, '$.actor.clientId') = ? GROUP BY eventId`)
      .all(clientId) as Array<{ eventId: string | null; n: number }>;
    for (const row of rows) if (row.eventId) ledgered.set(row.eventId, row.n);
    const wrong = eventIds
      .filter(id => LEDGERED_ONCE.has(types.get(id) ?? ''))
      .map(id => [id, types.get(id), ledgered.get(id) ?? 0] as const)
      .filter(([, , n]) => n !== 1)
      .map(([id, type, n]) => `${type} ${id}: ${n} ledger records`);
    expect(wrong, 'label changes and audit events not ledgered exactly once').toEqual([]);
  } finally {
    db.close();
  }
};
