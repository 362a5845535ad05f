import { generateNoteKeyPair, openCheckpoint, parseSignerKey, parseVerifierKey, verifyLedger } from '../../src/ledger/core/index.js';
import { createCheckpointer } from '../../src/ledger/checkpoints/createCheckpointer.js';
import { readCheckpoints } from '../../src/ledger/checkpoints/checkpointStore.js';
import type { LedgerKey } from '../../src/ledger/checkpoints/loadSigningKey.js';
import { createAuditRecorder } from '../../src/ledger/createAuditRecorder.js';
import { LedgerAppender } from '../../src/ledger/store/LedgerAppender.js';
import type { Database } from '../../src/stores/db/Database.js';
import { openDatabase } from '../../src/stores/db/openDatabase.js';
import { openTestDatabase, testDialect } from '../helper.js';
import { makeEntry, readAllRecords } from './ledgerTestSupport.js';

const log = { error: jest.fn(), warn: jest.fn() };

function createKey(): LedgerKey {
  const pair = generateNoteKeyPair('test.example/audit');
  return { signer: parseSignerKey(pair.signerKey), verifierKey: pair.verifierKey, origin: 'test.example/audit' };
}

describe(`checkpoints (${testDialect})`, () => {
  let db: Database;
  let url: string;
  let close: () => Promise<void>;
  const key = createKey();

  beforeEach(async () => {
    ({ db, url, close } = await openTestDatabase());
  });
  afterEach(() => close());

  it('signs one when the ledger has grown by everyRecords, and the verifier accepts records and checkpoints', async () => {
    const checkpointer = createCheckpointer({ database: db, key, everyRecords: 300, intervalMs: 3_600_000, log });
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log, onAppended: r => checkpointer.noteSize(r.size) });
    for (let i = 0; i < 700; i += 50) await recorder.record(Array.from({ length: 50 }, (_, j) => makeEntry(i + j)));
    await checkpointer.stop();
    const checkpoints = await readCheckpoints(db);
    // Signing runs beside the appends, so a checkpoint may cover a few records more than 300.
    const sizes = checkpoints.map(c => c.treeSize);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toBeGreaterThanOrEqual(300);
    expect(sizes[1]! - sizes[0]!).toBeGreaterThanOrEqual(300);
    const opened = openCheckpoint(checkpoints[1]!.note, { verifiers: [parseVerifierKey(key.verifierKey)], origin: key.origin });
    expect(Buffer.from(opened.rootHash).toString('hex')).toBe(checkpoints[1]!.rootHash);
    const report = verifyLedger(await readAllRecords(db), { origin: key.origin, verifierKeys: [key.verifierKey], checkpoints: checkpoints.map(c => c.note) });
    expect(report).toMatchObject({ ok: true, records: 700, latestCheckpointSize: sizes[1], unanchoredRecords: 700 - sizes[1]! });
  });

  it('signs on demand only when there is something new', async () => {
    const checkpointer = createCheckpointer({ database: db, key, log });
    expect(await checkpointer.checkpointNow()).toBeUndefined();
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
    await recorder.record([makeEntry(1), makeEntry(2), makeEntry(3)]);
    expect((await checkpointer.checkpointNow())!.treeSize).toBe(3);
    expect((await checkpointer.checkpointNow())!.treeSize).toBe(3);
    expect((await readCheckpoints(db)).length).toBe(1);
  });

  it('signs one checkpoint per interval when the timers of several server processes fire', async () => {
    const other = await openDatabase(url, { poolMax: 2 });
    try {
      let time = Date.parse('2026-01-01T00:00:00.000Z');
      const now = () => new Date(time);
      const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log });
      await recorder.record([makeEntry(1)]);
      const a = createCheckpointer({ database: db, key, intervalMs: 60_000, log, now });
      const b = createCheckpointer({ database: other, key, intervalMs: 60_000, log, now });
      await a.checkpointNow();
      await recorder.record([makeEntry(2)]);
      time += 30_000;
      // Both timers fire half an interval later: nothing is due yet.
      await Promise.all([a.tick(), b.tick()]);
      expect((await readCheckpoints(db)).map(c => c.treeSize)).toEqual([1]);
      time += 31_000;
      await Promise.all([a.tick(), b.tick()]);
      expect((await readCheckpoints(db)).map(c => c.treeSize)).toEqual([1, 2]);
    } finally {
      await other.close();
    }
  });
});
