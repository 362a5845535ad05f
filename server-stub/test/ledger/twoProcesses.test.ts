import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUuidV7 } from '@readingroom/platform-shim';
import { generateNoteKeyPair } from '../../src/ledger/core/index.js';
import { readCheckpoints } from '../../src/ledger/checkpoints/checkpointStore.js';
import { verifyStoredLedger } from '../../src/ledger/verify/verifyStoredLedger.js';
import { openDatabase } from '../../src/stores/db/openDatabase.js';
import { createTestDatabaseUrl, testDialect, type TestDatabaseUrl } from '../testDatabase.js';
import { STUDY, at, labelEvent, nodule, schema } from '../api/labelingFixtures.js';
import { killBuiltServer, startBuiltServer, type BuiltServer } from '../builtServer.js';

// Two real server processes (the built CLI: `npm run build` first) append to one ledger at once.
const keys = generateNoteKeyPair('two-processes.test/audit');

let dir: string;
let database: TestDatabaseUrl;
const started: ChildProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readingroom-ledger-procs-'));
  mkdirSync(join(dir, 'ohif'));
  writeFileSync(join(dir, 'ohif', 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'audit.key'), `${keys.signerKey}\n`, { mode: 0o600 });
  database = await createTestDatabaseUrl();
});
afterAll(async () => {
  // A failed test must not leave servers behind (they would keep jest alive).
  await Promise.all(started.map(killBuiltServer));
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

function serve(name: string): Promise<BuiltServer> {
  const env = {
    DATA_DIR: join(dir, name), DATABASE_URL: database.url, OHIF_DIST_DIR: join(dir, 'ohif'), SEED_DEMO: 'false', IDENTITY: 'development',
    AUDIT_SIGNING_KEY_FILE: join(dir, 'audit.key'), AUDIT_CHECKPOINT_EVERY_RECORDS: '40', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1',
  };
  return startBuiltServer(env, child => started.push(child));
}

async function call(url: string, method: string, body?: unknown) {
  const response = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

describe(`two server processes on one ${testDialect} database`, () => {
  it('keep one gapless ledger that verifies, with checkpoints signed one at a time', async () => {
    const servers = await Promise.all([serve('a'), serve('b')]);
    const [a] = servers;
    await call(`${a!.url}/api/v1/projects/lung`, 'PUT', { title: 'Lung nodules' });
    await call(`${a!.url}/api/v1/projects/lung/schemas`, 'POST', schema);
    await call(`${a!.url}/api/v1/projects/lung/studies/${STUDY}`, 'PUT');
    const batches = Array.from({ length: 24 }, (_, i) => ({
      clientId: createUuidV7(),
      events: Array.from({ length: 5 }, (_, j) => labelEvent('label.created', nodule(createUuidV7(), 10 + j), at(i))),
    }));
    const results = await Promise.all(batches.map((batch, i) => call(`${servers[i % 2]!.url}/api/v1/events`, 'POST', batch)));
    expect((results as Array<{ results: Array<{ status: string }> }>).flatMap(r => r.results.map(x => x.status))).toEqual(Array(120).fill('stored'));
    for (const { child } of servers) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }

    const db = await openDatabase(database.url, { poolMax: 1 });
    try {
      const report = await verifyStoredLedger(db, { origin: 'two-processes.test/audit', verifierKeys: [keys.verifierKey] });
      expect(report).toMatchObject({ ok: true, records: 120, unanchoredRecords: 0 });
      const sizes = (await readCheckpoints(db)).map(c => c.treeSize);
      // Every multiple of AUDIT_CHECKPOINT_EVERY_RECORDS is signed once, whichever process appended
      // it (the 1 s timer may add others); the last one, signed at shutdown, covers everything.
      expect(sizes).toEqual(expect.arrayContaining([40, 80, 120]));
      expect(new Set(sizes).size).toBe(sizes.length);
      expect(sizes[sizes.length - 1]).toBe(120);
    } finally {
      await db.close();
    }
  }, 120_000);
});
