import { openTestDatabase, testDialect } from '../helper.js';
import { createAuditRecorder } from '../../src/ledger/createAuditRecorder.js';
import { InvalidRecordError, parseCanonicalRecord, verifyLedger } from '../../src/ledger/core/index.js';
import { LedgerAppender } from '../../src/ledger/store/LedgerAppender.js';
import type { Database } from '../../src/stores/db/Database.js';
import { verifyStoredLedger } from '../../src/ledger/verify/verifyStoredLedger.js';
import { makeEntry, readAllRecords } from './ledgerTestSupport.js';

const silentLog = { error: () => undefined, warn: () => undefined };

describe(`audit recorder (${testDialect})`, () => {
  let db: Database;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ db, close } = await openTestDatabase());
  });
  afterEach(() => close());

  const verify = async () => verifyLedger(await readAllRecords(db), { origin: 'test/audit', verifierKeys: [] });

  it('appends entries with gapless seq and a chain the verifier accepts, with and without a transaction', async () => {
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log: silentLog });
    await recorder.record([makeEntry(1), makeEntry(2)]);
    await db.transaction(async tx => {
      await tx.run("INSERT INTO schema_migrations (id, name, applied_at) VALUES (9999, 'probe', 'now')");
      await recorder.record([makeEntry(3)], { tx });
    });
    recorder.enqueue([makeEntry(4), makeEntry(5)]);
    await recorder.flush();
    const records = await readAllRecords(db);
    expect(records.map(r => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records.map(r => (parseCanonicalRecord(r).detail as { i: number }).i)).toEqual([1, 2, 3, 4, 5]);
    expect(await verify()).toMatchObject({ ok: true, records: 5 });
  });

  it('rolls the records back with the transaction they belong to, and the next append continues the chain', async () => {
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log: silentLog });
    await recorder.record([makeEntry(1)]);
    await expect(
      db.transaction(async tx => {
        await recorder.record([makeEntry(2), makeEntry(3)], { tx });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await recorder.record([makeEntry(4)]);
    expect((await readAllRecords(db)).map(r => r.seq)).toEqual([1, 2]);
    expect(await verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('seals again on the head found under the lock when another appender (another server process) appended meanwhile', async () => {
    // Each appender seals its records on the head it last wrote while its lock is pending; here
    // that head is always stale, so every batch must be sealed again on the real one. Batches of
    // 150 cross the 256-leaf boundaries, so a stale tree range would also store wrong nodes.
    const first = new LedgerAppender();
    const second = new LedgerAppender();
    let i = 0;
    const batch = () => Array.from({ length: 150 }, () => makeEntry(i++));
    for (let round = 0; round < 3; round++) {
      for (const appender of [first, second]) {
        const result = await db.transaction(tx => appender.append(tx, batch()));
        expect(result).toMatchObject({ firstSeq: i - 149, size: i });
      }
    }
    const records = await readAllRecords(db);
    expect(records.map(r => r.seq)).toEqual(Array.from({ length: 900 }, (_, n) => n + 1));
    expect(records.map(r => (parseCanonicalRecord(r).detail as { i: number }).i)).toEqual(Array.from({ length: 900 }, (_, n) => n));
    expect(await verify()).toMatchObject({ ok: true, records: 900 });
    expect(await verifyStoredLedger(db, { origin: 'test/audit', verifierKeys: [] })).toMatchObject({ ok: true, records: 900 });
  });

  it('refuses an invalid entry with every broken rule and writes nothing', async () => {
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log: silentLog });
    const bad = makeEntry(1, { kind: 'Not A Kind', subject: { StudyInstanceUID: 'not-a-uid' } });
    await expect(recorder.record([makeEntry(0), bad])).rejects.toThrow(InvalidRecordError);
    expect(await readAllRecords(db)).toEqual([]);
  });

  it('drops an invalid background entry alone, keeping the good ones', async () => {
    const errors: unknown[] = [];
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log: { error: (...args: unknown[]) => errors.push(args), warn: () => undefined } });
    recorder.enqueue([makeEntry(1), makeEntry(2, { actor: { userId: '' } }), makeEntry(3)]);
    await recorder.flush();
    expect((await readAllRecords(db)).length).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('gathers concurrent callers into few transactions and keeps every entry', async () => {
    const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log: silentLog });
    await Promise.all(Array.from({ length: 40 }, (_, i) => recorder.record([makeEntry(i)])));
    for (let i = 40; i < 300; i++) recorder.enqueue([makeEntry(i)]);
    await recorder.flush();
    const records = await readAllRecords(db);
    expect(records.length).toBe(300);
    expect(new Set(records.map(r => (parseCanonicalRecord(r).detail as { i: number }).i)).size).toBe(300);
    expect(await verify()).toMatchObject({ ok: true, records: 300 });
  });

  it('keeps background entries while the database fails and writes them, with the count of any dropped, once it is back', async () => {
    let failing = true;
    const failingDb: Database = { ...db, transaction: (fn, options) => (failing ? Promise.reject(new Error('database down')) : db.transaction(fn, options)) };
    const recorder = createAuditRecorder({ database: failingDb, appender: new LedgerAppender(), log: silentLog, maxQueued: 3 });
    recorder.enqueue([makeEntry(1), makeEntry(2)]);
    await expect(recorder.flush()).rejects.toThrow('database down');
    recorder.enqueue([makeEntry(3), makeEntry(4)]);
    failing = false;
    await recorder.flush();
    const contents = (await readAllRecords(db)).map(parseCanonicalRecord);
    expect(contents.map(r => r.kind)).toEqual(['study.opened', 'study.opened', 'study.opened', 'ledger.records-lost']);
    expect(contents.slice(0, 3).map(r => (r.detail as { i: number }).i)).toEqual([2, 3, 4]);
    expect(contents[3]!.detail).toMatchObject({ count: 1 });
  });
});
