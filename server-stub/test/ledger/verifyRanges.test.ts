import { generateNoteKeyPair, parseSignerKey } from '../../src/ledger/core/index.js';
import { createCheckpointer } from '../../src/ledger/checkpoints/createCheckpointer.js';
import { createAuditRecorder } from '../../src/ledger/createAuditRecorder.js';
import { LedgerAppender } from '../../src/ledger/store/LedgerAppender.js';
import { planRanges, verifyStoredLedger, type VerifyOptions } from '../../src/ledger/verify/verifyStoredLedger.js';
import type { Database } from '../../src/stores/db/Database.js';
import { openTestDatabase, testDialect } from '../helper.js';
import { makeEntry } from './ledgerTestSupport.js';
import { dropAppendOnlyTriggers, moveRows, readContentsFrom } from './tamperSupport.js';

const log = { error: jest.fn(), warn: jest.fn() };
const pair = generateNoteKeyPair('ranges.test/audit');
const key = { signer: parseSignerKey(pair.signerKey), verifierKey: pair.verifierKey, origin: 'ranges.test/audit' };
const RECORDS = 1200;

let db: Database;
let url: string;
let close: () => Promise<void>;

/** 1,200 records, checkpoints at 500 and 1,000 (the 200 after are protected by the chain only). */
beforeEach(async () => {
  ({ db, url, close } = await openTestDatabase());
  const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
  const checkpointer = createCheckpointer({ database: db, key, log });
  for (const [from, to] of [[0, 500], [500, 1000], [1000, 1200]] as const) {
    await recorder.record(Array.from({ length: to - from }, (_, j) => makeEntry(from + j)));
    if (to <= 1000) await checkpointer.checkpointNow();
  }
  await dropAppendOnlyTriggers(db);
});
afterEach(() => close());

/**
 * The ways to read the ledger: one range as before, or cut into ranges (2: at seq 600; 3: at 400
 * and 800) read through `db` or on connections of their own on this thread in turn, or by
 * default with worker threads (12 ranges of 100: this thread reads from the first, the workers
 * take the last ones left; the build's workers, when there is one, else all on this thread).
 */
const ways = (): Array<[string, Partial<VerifyOptions>]> => [
  ['3 ranges through db', { ranges: 3 }],
  ['2 ranges on own connections', { databaseUrl: url, workers: 0, ranges: 2 }],
  ['3 ranges on own connections', { databaseUrl: url, workers: 0, ranges: 3 }],
  ['worker threads', { databaseUrl: url, workers: 2 }],
];

const verify = (options: Partial<VerifyOptions>) => verifyStoredLedger(db, { origin: key.origin, verifierKeys: [key.verifierKey], pageSize: 100, ...options });

/** Verifies every way; each must report what reading the ledger as one range does, which is `expected`. */
async function expectEveryWay(expected: Record<string, unknown>): Promise<void> {
  const sequential = await verify({ ranges: 1, workers: 0 });
  expect(sequential).toMatchObject(expected);
  for (const [name, options] of ways()) expect({ name, report: await verify(options) }).toEqual({ name, report: sequential });
}

describe(`audit verify reads the ledger in seq ranges, and still reports the first problem (${testDialect})`, () => {
  it('cuts (0, maxSeq] into about equal ranges, the last one open-ended, none smaller than a page', () => {
    expect(planRanges(1200, 3, 100)).toEqual([
      { afterSeq: 0, untilSeq: 400, startIndex: 0 },
      { afterSeq: 400, untilSeq: 800, startIndex: 400 },
      { afterSeq: 800, startIndex: 800 },
    ]);
    expect(planRanges(150, 4, 100)).toEqual([{ afterSeq: 0, startIndex: 0 }]);
    expect(planRanges(0, 2, 100)).toEqual([{ afterSeq: 0, startIndex: 0 }]);
  });

  it('verifies the whole ledger the same way', async () => {
    await expectEveryWay({ ok: true, records: RECORDS, checkpoints: 2, latestCheckpointSize: 1000, unanchoredRecords: 200 });
  });

  it('a modified record in a later range while the earlier ranges are clean', async () => {
    await db.run("UPDATE audit_ledger SET canonical_content = replace(canonical_content, '\"kind\":\"', '\"kind\":\"x') WHERE seq = 1000");
    await expectEveryWay({ ok: false, problem: { kind: 'modified', seq: 1000 } });
  });

  it('problems in two ranges: the earlier one', async () => {
    await db.run("UPDATE audit_ledger SET canonical_content = replace(canonical_content, '\"kind\":\"', '\"kind\":\"x') WHERE seq = 1000");
    await db.run('UPDATE audit_ledger SET chain_hash = leaf_hash WHERE seq = 250');
    await expectEveryWay({ ok: false, problem: { kind: 'chain-broken', seq: 250 } });
  });

  it.each([400, 401, 600, 601, 800])('a deleted record where ranges meet (seq %i)', async seq => {
    await db.run('DELETE FROM audit_ledger WHERE seq = ?', [seq]);
    await expectEveryWay({ ok: false, problem: { kind: 'deleted', seq } });
  });

  it('records deleted at the end of one range and the start of the next', async () => {
    await db.run('DELETE FROM audit_ledger WHERE seq BETWEEN 598 AND 603');
    await expectEveryWay({ ok: false, problem: { kind: 'deleted', seq: 598 } });
  });

  it('two records swapped across the cut', async () => {
    await moveRows(db, [[600, 601], [601, 600]]);
    await expectEveryWay({ ok: false, problem: { kind: 'reordered', seq: 600 } });
  });

  it('a record inserted at the cut', async () => {
    const later = await readContentsFrom(db, 601);
    await moveRows(db, later.map((_, i) => [RECORDS - i, RECORDS - i + 1]));
    await db.run('INSERT INTO audit_ledger (seq, study_uid, series_uid, sop_count, canonical_content, leaf_hash, chain_hash) SELECT 601, NULL, NULL, 0, canonical_content, leaf_hash, chain_hash FROM audit_ledger WHERE seq = 600');
    await expectEveryWay({ ok: false, problem: { kind: 'inserted', seq: 600 } });
  });

  // Text that each reader must hand over exactly as stored (on PostgreSQL the own connections
  // read binary COPY output, not node-postgres rows): non-ASCII, quotes, backslashes, escapes.
  it('records with non-ASCII text, quotes and backslashes read the same on every connection, and a change to one is found', async () => {
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
    await recorder.record(Array.from({ length: 300 }, (_, j) => makeEntry(RECORDS + j, { detail: { note: `naïve "quoted" back\\slash\ttab\nline 😀 ${j}` } })));
    await recorder.close();
    await expectEveryWay({ ok: true, records: RECORDS + 300, unanchoredRecords: 500 });
    await db.run("UPDATE audit_ledger SET canonical_content = replace(canonical_content, 'naïve', 'naive') WHERE seq = 1301");
    await expectEveryWay({ ok: false, problem: { kind: 'modified', seq: 1301 } });
  });

  it('the ledger truncated inside the last range', async () => {
    await db.run('DELETE FROM audit_ledger WHERE seq > 900');
    await expectEveryWay({ ok: false, problem: { kind: 'truncated', checkpointSize: 1000 } });
  });
});
