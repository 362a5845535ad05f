import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKeyPair, parseSignerKey } from '../../src/ledger/core/index.js';
import { createCheckpointer } from '../../src/ledger/checkpoints/createCheckpointer.js';
import { createAuditRecorder } from '../../src/ledger/createAuditRecorder.js';
import { LedgerAppender } from '../../src/ledger/store/LedgerAppender.js';
import { runAuditCommand } from '../../src/ledger/verify/runAuditCommand.js';
import type { Database } from '../../src/stores/db/Database.js';
import { openTestDatabase, testDialect } from '../helper.js';
import { makeEntry } from './ledgerTestSupport.js';
import { dropAppendOnlyTriggers } from './tamperSupport.js';

const log = { error: jest.fn(), warn: jest.fn() };
const pair = generateNoteKeyPair('cli.test/audit');
const key = { signer: parseSignerKey(pair.signerKey), verifierKey: pair.verifierKey, origin: 'cli.test/audit' };

let db: Database;
let close: () => Promise<void>;
let dir: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  let url: string;
  ({ db, url, close } = await openTestDatabase());
  dir = mkdtempSync(join(tmpdir(), 'readingroom-cli-'));
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dir;
  const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
  await recorder.record(Array.from({ length: 300 }, (_, i) => makeEntry(i)));
  await createCheckpointer({ database: db, key, log }).checkpointNow();
});
afterEach(async () => {
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
  await close();
});

async function run(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runAuditCommand(args, { log: m => lines.push(m), error: m => errors.push(m) });
  return { code, out: lines.join('\n'), err: errors.join('\n') };
}

describe(`readingroom audit verify (${testDialect})`, () => {
  it('exits 0 and says what it checked when the ledger verifies', async () => {
    const result = await run(['verify', '--key', key.verifierKey]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/audit ledger verified: 300 records, 1 signed checkpoints/);
  });

  it('verifies across a key rotation when given every key the checkpoints were signed with', async () => {
    // The rotated key keeps the ledger's origin (its name); only the key id changes.
    const next = generateNoteKeyPair('cli.test/audit');
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
    await recorder.record(Array.from({ length: 20 }, (_, i) => makeEntry(300 + i)));
    await createCheckpointer({ database: db, key: { signer: parseSignerKey(next.signerKey), verifierKey: next.verifierKey, origin: 'cli.test/audit' }, log }).checkpointNow();

    const both = await run(['verify', '--key', key.verifierKey, '--key', next.verifierKey]);
    expect(both).toMatchObject({ code: 0, err: '' });
    expect(both.out).toMatch(/audit ledger verified: 320 records, 2 signed checkpoints/);
    const onlyNew = await run(['verify', '--key', next.verifierKey]);
    expect(onlyNew.code).toBe(1);
    expect(onlyNew.err).toMatch(/AUDIT LEDGER PROBLEM \(bad-signature\) at the checkpoint of size 300/);
  });

  it('exits 1 and names the first problem and where it is', async () => {
    await dropAppendOnlyTriggers(db);
    await db.run('DELETE FROM audit_ledger WHERE seq = 42');
    const result = await run(['verify', '--key', key.verifierKey]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/AUDIT LEDGER PROBLEM \(deleted\) at record 42/);
  });

  it('reads the verifier key from a file, reports JSON, and fails with another key', async () => {
    const keyFile = join(dir, 'audit.pub');
    writeFileSync(keyFile, `${key.verifierKey}\n`);
    const ok = await run(['verify', '--key', keyFile, '--json']);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, records: 300, latestCheckpointSize: 300 });
    const stranger = generateNoteKeyPair('cli.test/audit').verifierKey;
    const bad = await run(['verify', '--key', stranger, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, problem: { kind: 'bad-signature' } });
  });

  it('checks checkpoint copies kept outside the database too', async () => {
    const copyDir = join(dir, 'checkpoint-copies');
    const checkpoint = await createCheckpointer({ database: db, key, log, copyDir }).checkpointNow();
    await dropAppendOnlyTriggers(db);
    await db.run('DELETE FROM audit_checkpoints');
    await db.run('DELETE FROM audit_ledger WHERE seq > 200');
    expect((await run(['verify', '--key', key.verifierKey])).code).toBe(0);
    const result = await run(['verify', '--key', key.verifierKey, '--checkpoints', copyDir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/\(truncated\) at record 201/);
    expect(result.err).toContain(`covers ${checkpoint!.treeSize} records`);
  });

  it('exits 2 on an unknown subcommand', async () => {
    expect((await run(['prune'])).code).toBe(2);
  });
});
