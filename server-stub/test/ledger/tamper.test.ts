import { generateNoteKeyPair, parseSignerKey, type LedgerProblemKind } from '../../src/ledger/core/index.js';
import { createCheckpointer, type Checkpointer } from '../../src/ledger/checkpoints/createCheckpointer.js';
import type { LedgerKey } from '../../src/ledger/checkpoints/loadSigningKey.js';
import { createAuditRecorder } from '../../src/ledger/createAuditRecorder.js';
import { LedgerAppender } from '../../src/ledger/store/LedgerAppender.js';
import { PROTECTED_TABLES } from '../../src/ledger/store/ledgerMigrations.js';
import { verifyStoredLedger } from '../../src/ledger/verify/verifyStoredLedger.js';
import type { Database } from '../../src/stores/db/Database.js';
import { openTestDatabase, testDialect } from '../helper.js';
import { makeEntry } from './ledgerTestSupport.js';
import { dropAppendOnlyTriggers, moveRows, readContentsFrom, rewriteFrom } from './tamperSupport.js';

const log = { error: jest.fn(), warn: jest.fn() };
const pair = generateNoteKeyPair('tamper.test/audit');
const key: LedgerKey = { signer: parseSignerKey(pair.signerKey), verifierKey: pair.verifierKey, origin: 'tamper.test/audit' };
const RECORDS = 1200;

let db: Database;
let close: () => Promise<void>;
let checkpointer: Checkpointer;

/** 1,200 records (several tree blocks), checkpoints at 400, 800 and 1,200, verified before every tampering. */
beforeEach(async () => {
  ({ db, close } = await openTestDatabase());
  checkpointer = createCheckpointer({ database: db, key, log });
  const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
  for (let i = 0; i < RECORDS; i += 400) {
    await recorder.record(Array.from({ length: 400 }, (_, j) => makeEntry(i + j)));
    await checkpointer.checkpointNow();
  }
  expect(await verify()).toMatchObject({ ok: true, records: RECORDS, checkpoints: 3 });
});
afterEach(() => close());

const verify = () => verifyStoredLedger(db, { origin: key.origin, verifierKeys: [key.verifierKey], pageSize: 500 });

async function expectProblem(kind: LedgerProblemKind, at: { seq?: number; checkpointSize?: number } = {}) {
  const report = await verify();
  expect(report.ok).toBe(false);
  if (!report.ok) expect(report.problem).toMatchObject({ kind, ...at });
}

describe(`the ledger refuses changes, and audit verify catches the ones made anyway (${testDialect})`, () => {
  it.each(PROTECTED_TABLES)('refuses UPDATE and DELETE on %s', async table => {
    await expect(db.run(`UPDATE ${table} SET seq = seq`.replace('SET seq = seq', table === 'audit_checkpoints' ? 'SET note = note' : table === 'audit_tree_nodes' ? 'SET level = level' : 'SET seq = seq'))).rejects.toThrow(/append-only/);
    await expect(db.run(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    if (db.dialect === 'postgres') await expect(db.exec(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
  });

  describe('with the triggers dropped, as an attacker with database access would', () => {
    beforeEach(() => dropAppendOnlyTriggers(db));

    it('a modified record', async () => {
      await db.run("UPDATE audit_ledger SET canonical_content = replace(canonical_content, '\"userId\":\"user-1\"', '\"userId\":\"user-2\"') WHERE seq = 500");
      await expectProblem('modified', { seq: 500 });
    });

    it('a modified record with its leaf and chain hashes recomputed to the end', async () => {
      const contents = await readContentsFrom(db, 500);
      contents[0] = { ...contents[0]!, actor: { userId: 'someone-else' } };
      await rewriteFrom(db, 500, contents);
      await expectProblem('root-mismatch', { checkpointSize: 800 });
    });

    it('a deleted record', async () => {
      await db.run('DELETE FROM audit_ledger WHERE seq = 500');
      await expectProblem('deleted', { seq: 500 });
    });

    it('a deleted record with the later ones renumbered and rechained', async () => {
      await rewriteFrom(db, 500, (await readContentsFrom(db, 501)));
      await expectProblem('root-mismatch', { checkpointSize: 800 });
    });

    it('an inserted record', async () => {
      const later = await readContentsFrom(db, 500);
      await moveRows(db, later.map((_, i) => [RECORDS - i, RECORDS - i + 1]));
      await db.run("INSERT INTO audit_ledger (seq, study_uid, series_uid, sop_count, canonical_content, leaf_hash, chain_hash) SELECT 500, NULL, NULL, 0, canonical_content, leaf_hash, chain_hash FROM audit_ledger WHERE seq = 499");
      await expectProblem('inserted', { seq: 499 });
    });

    it('an inserted record with the later ones renumbered and rechained', async () => {
      const later = await readContentsFrom(db, 500);
      await rewriteFrom(db, 500, [{ ...later[0]!, kind: 'study.opened', detail: { forged: true } }, ...later]);
      await expectProblem('root-mismatch', { checkpointSize: 800 });
    });

    it('two records swapped', async () => {
      await moveRows(db, [[500, 501], [501, 500]]);
      await expectProblem('reordered', { seq: 500 });
    });

    it('the ledger truncated', async () => {
      await db.run('DELETE FROM audit_ledger WHERE seq > 1000');
      await expectProblem('truncated', { checkpointSize: 1200 });
    });

    it('a checkpoint whose root was replaced (its signature no longer matches)', async () => {
      const other = Buffer.alloc(32, 7).toString('base64');
      const row = (await db.queryOne<{ note: string }>('SELECT note FROM audit_checkpoints WHERE tree_size = 800'))!;
      await db.run('UPDATE audit_checkpoints SET note = ? WHERE tree_size = 800', [row.note.replace(row.note.split('\n')[2]!, other)]);
      await expectProblem('bad-signature', { checkpointSize: 800 });
    });

    it('the ledger rewritten and re-signed with the key, while an earlier checkpoint still stands', async () => {
      const contents = await readContentsFrom(db, 100);
      contents[0] = { ...contents[0]!, detail: { rewritten: true } };
      await db.run('DELETE FROM audit_checkpoints WHERE tree_size > 400');
      await rewriteFrom(db, 100, contents);
      await checkpointer.checkpointNow();
      await expectProblem('inconsistent-checkpoints');
    });

    it('a stored Merkle subtree that proofs are built from', async () => {
      await db.run('UPDATE audit_tree_nodes SET hash = ? WHERE level = 8 AND node_index = 2', [Buffer.alloc(32, 1)]);
      await expectProblem('modified', { seq: 513 });
    });

    // Subtrees are compared in batches (one query for all here, or one per page): the first
    // reported is the first to complete, as leaf by leaf (8/1 completes with its parent 9/0, children first).
    it.each([undefined, 1])('the first wrong or missing stored subtree, comparing %p subtrees a query', async nodesPerQuery => {
      const check = async (seq: number, subtree: string, state: string) => {
        const report = await verifyStoredLedger(db, { origin: key.origin, verifierKeys: [key.verifierKey], pageSize: 500, nodesPerQuery });
        expect(report).toMatchObject({ ok: false, records: seq - 1, problem: { kind: 'modified', seq } });
        if (!report.ok) expect(report.problem.message).toContain(`subtree ${subtree} (records ${seq} to`);
        if (!report.ok) expect(report.problem.message).toContain(`is ${state}`);
      };
      await db.run('DELETE FROM audit_tree_nodes WHERE level = 10 AND node_index = 0');
      await check(1, '10/0', 'missing');
      await db.run('UPDATE audit_tree_nodes SET hash = ? WHERE level = 8 AND node_index = 3', [Buffer.alloc(32, 2)]);
      await check(769, '8/3', 'wrong');
      await db.run('UPDATE audit_tree_nodes SET hash = ? WHERE level = 9 AND node_index = 0', [Buffer.alloc(32, 3)]);
      await check(1, '9/0', 'wrong');
      await db.run('UPDATE audit_tree_nodes SET hash = ? WHERE level = 8 AND node_index = 1', [Buffer.alloc(32, 4)]);
      await check(257, '8/1', 'wrong');
    });
  });
});
