// One test per kind of tampering, on a 20-record ledger with checkpoints at sizes 5, 12, 20.
import { sealRecord } from './sealRecord.js';
import { hashRecordContent } from './hashRecordContent.js';
import type { LedgerRecord } from './ledgerRecord.js';
import type { LedgerVerificationReport } from './ledgerProblem.js';
import { LedgerVerifier } from './LedgerVerifier.js';
import { generateNoteKeyPair, parseSignerKey } from './noteKeys.js';
import { signCheckpoint } from './checkpoint.js';
import { createTestLedger, createTestRecordContent, sealTestRecords, TEST_ORIGIN } from './testing/createTestLedger.js';
import { EMPTY_TREE_HASH } from './treeHashes.js';
import { verifyLedger } from './verifyLedger.js';
import { toCanonicalRecord } from './canonicalRecord.js';

const ledger = createTestLedger(20, [5, 12, 20]);
const options = { origin: TEST_ORIGIN, verifierKeys: [ledger.verifierKey], checkpoints: ledger.checkpoints };
const copyRecords = (): LedgerRecord[] => structuredClone(ledger.records);
const problemOf = (report: LedgerVerificationReport): unknown => (report.ok ? 'ok' : report.problem);

/** Recomputes leaf and chain hashes from `fromSeq` on, as an attacker with database access would. */
function rehash(records: LedgerRecord[], fromSeq: number): LedgerRecord[] {
  const kept = records.slice(0, fromSeq - 1);
  return [...kept, ...sealTestRecords(records.slice(fromSeq - 1), kept.at(-1)?.chainHash)];
}

describe('LedgerVerifier', () => {
  it('accepts an intact ledger and reports what it checked', () => {
    const report = verifyLedger(ledger.records, options);
    expect(report).toEqual({
      ok: true,
      records: 20,
      checkpoints: 3,
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      chainHash: ledger.records[19]!.chainHash,
      latestCheckpointSize: 20,
      unanchoredRecords: 0,
    });
  });

  it('counts records after the latest checkpoint as unanchored', () => {
    const report = verifyLedger(ledger.records, { ...options, checkpoints: ledger.checkpoints.slice(0, 2) });
    expect(report).toMatchObject({ ok: true, latestCheckpointSize: 12, unanchoredRecords: 8 });
  });

  it('accepts an empty ledger, with or without a checkpoint of size 0', () => {
    const empty = verifyLedger([], { ...options, checkpoints: [ledger.signAt([], 0)] });
    expect(empty).toMatchObject({ ok: true, records: 0, rootHash: Buffer.from(EMPTY_TREE_HASH).toString('hex'), chainHash: '0'.repeat(64) });
  });

  it('modified: content changed, stored hashes left alone', () => {
    const records = copyRecords();
    records[6]!.detail = { ...records[6]!.detail, n: 0 };
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'modified', seq: 7 });
  });

  it('chain-broken: content changed and its leaf hash recomputed', () => {
    const records = copyRecords();
    records[6]!.actor = { userId: 'someone-else' };
    records[6]!.leafHash = hashRecordContent(records[6]!).toString('hex');
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'chain-broken', seq: 7 });
  });

  it('chain-broken: only a chain hash edited, or the first record not chained from genesis', () => {
    const records = copyRecords();
    records[9]!.chainHash = records[8]!.chainHash;
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'chain-broken', seq: 10 });
    const fromElsewhere = sealTestRecords([createTestRecordContent(1)], 'ff'.repeat(32));
    expect(problemOf(verifyLedger(fromElsewhere, { ...options, checkpoints: [] }))).toMatchObject({ kind: 'chain-broken', seq: 1 });
  });

  it('root-mismatch: records rewritten with all their hashes recomputed', () => {
    const records = copyRecords();
    records[6]!.detail = { rewritten: true };
    expect(problemOf(verifyLedger(rehash(records, 7), options))).toMatchObject({ kind: 'root-mismatch', checkpointSize: 12 });
  });

  it('inconsistent-checkpoints: the log signed a rewritten history after an earlier checkpoint', () => {
    const records = copyRecords();
    records[2]!.detail = { rewritten: true };
    const forked = rehash(records, 3);
    // Checkpoint 5 was signed over the original; 12 and 20 over the rewritten records.
    const checkpoints = [ledger.checkpoints[0]!, ledger.signAt(forked, 12), ledger.signAt(forked, 20)];
    expect(problemOf(verifyLedger(forked, { ...options, checkpoints }))).toMatchObject({ kind: 'inconsistent-checkpoints', checkpointSize: 5 });
  });

  it('inconsistent-checkpoints: two signed checkpoints of the same size with different roots', () => {
    const forked = rehash(copyRecords().map((r, i) => (i === 0 ? { ...r, kind: 'study.opened' } : r)), 1);
    const checkpoints = [...ledger.checkpoints, ledger.signAt(forked, 12)];
    expect(problemOf(verifyLedger(ledger.records, { ...options, checkpoints }))).toMatchObject({ kind: 'inconsistent-checkpoints', checkpointSize: 12 });
  });

  it('deleted: a gap in seq', () => {
    const records = copyRecords().filter(r => r.seq !== 9);
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'deleted', seq: 9 });
    const several = copyRecords().filter(r => r.seq < 9 || r.seq > 11);
    expect(problemOf(verifyLedger(several, options))).toMatchObject({ kind: 'deleted', seq: 9, message: expect.stringContaining('seq 9 to 11') });
  });

  it('inserted: a seq appears twice', () => {
    const records = copyRecords();
    records.splice(9, 0, { ...records[8]!, detail: { injected: true } });
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'inserted', seq: 9 });
  });

  it('reordered: records out of seq order', () => {
    const records = copyRecords();
    [records[8], records[9]] = [records[9]!, records[8]!];
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'reordered', seq: 9 });
  });

  it('reordered and renumbered with fresh leaf hashes: the chain breaks at the first moved record', () => {
    const records = copyRecords();
    const [a, b] = [records[8]!, records[9]!];
    records[8] = { ...b, seq: 9, leafHash: hashRecordContent({ ...b, seq: 9 }).toString('hex'), chainHash: a.chainHash };
    records[9] = { ...a, seq: 10, leafHash: hashRecordContent({ ...a, seq: 10 }).toString('hex'), chainHash: b.chainHash };
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'chain-broken', seq: 9 });
  });

  it('truncated: fewer records than the latest checkpoint covers', () => {
    expect(problemOf(verifyLedger(ledger.records.slice(0, 17), options))).toMatchObject({ kind: 'truncated', seq: 18, checkpointSize: 20 });
    expect(problemOf(verifyLedger(ledger.records.slice(0, 3), options))).toMatchObject({ kind: 'truncated', seq: 4, checkpointSize: 5 });
  });

  it('root-mismatch: truncated and regrown with new, correctly chained records', () => {
    const kept = ledger.records.slice(0, 14);
    const regrown = [...kept, ...sealTestRecords([15, 16, 17, 18, 19, 20].map(seq => createTestRecordContent(seq, 99)), kept.at(-1)!.chainHash)];
    expect(problemOf(verifyLedger(regrown, options))).toMatchObject({ kind: 'root-mismatch', checkpointSize: 20 });
  });

  it('bad-signature: a checkpoint signature altered, or signed by another key', () => {
    const altered = ledger.checkpoints[1]!.replace(/ (.)(\S+)\n$/, (_, c: string, rest: string) => ` ${c === 'A' ? 'B' : 'A'}${rest}\n`);
    expect(problemOf(verifyLedger(ledger.records, { ...options, checkpoints: [ledger.checkpoints[0]!, altered] }))).toMatchObject({
      kind: 'bad-signature',
      checkpointSize: 12,
    });
    const intruder = parseSignerKey(generateNoteKeyPair(TEST_ORIGIN).signerKey);
    const forged = signCheckpoint({ origin: TEST_ORIGIN, treeSize: 12, rootHash: EMPTY_TREE_HASH }, intruder);
    expect(problemOf(verifyLedger(ledger.records, { ...options, checkpoints: [forged] }))).toMatchObject({ kind: 'bad-signature', checkpointSize: 12 });
  });

  it('reports problems in ledger order: a record before a bad checkpoint, a bad checkpoint before a later record', () => {
    const altered = ledger.checkpoints[1]!.replace('\n12\n', '\n13\n');
    const early = copyRecords();
    early[2]!.detail = {};
    expect(problemOf(verifyLedger(early, { ...options, checkpoints: [altered] }))).toMatchObject({ kind: 'modified', seq: 3 });
    const late = copyRecords();
    late[15]!.detail = {};
    expect(problemOf(verifyLedger(late, { ...options, checkpoints: [altered] }))).toMatchObject({ kind: 'bad-signature', checkpointSize: 13 });
  });

  it('bad-checkpoint: another log, or not a checkpoint at all', () => {
    const keys = generateNoteKeyPair('elsewhere.example/log');
    const other = signCheckpoint({ origin: 'elsewhere.example/log', treeSize: 3, rootHash: EMPTY_TREE_HASH }, parseSignerKey(keys.signerKey));
    const report = verifyLedger(ledger.records, { ...options, verifierKeys: [ledger.verifierKey, keys.verifierKey], checkpoints: [other] });
    expect(problemOf(report)).toMatchObject({ kind: 'bad-checkpoint', checkpointSize: 3 });
    expect(problemOf(verifyLedger(ledger.records, { ...options, checkpoints: ['garbage'] }))).toMatchObject({ kind: 'bad-checkpoint' });
  });

  it('malformed: hashes that are not hex, content that is not JSON data', () => {
    const records = copyRecords();
    records[4]!.leafHash = records[4]!.leafHash.toUpperCase();
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'malformed', seq: 5 });
    const undefinedDetail = copyRecords();
    undefinedDetail[4]!.detail = { lost: undefined } as unknown as LedgerRecord['detail'];
    expect(problemOf(verifyLedger(undefinedDetail, options))).toMatchObject({ kind: 'malformed', seq: 5, message: expect.stringContaining('$.detail.lost') });
    const noSeq = copyRecords();
    delete (noSeq[4] as Partial<LedgerRecord>).seq;
    expect(problemOf(verifyLedger(noSeq, options))).toMatchObject({ kind: 'malformed', message: expect.stringContaining('position 5') });
  });

  it('classifies a gap at the end of a pushed page using the next page', () => {
    const swapped = copyRecords();
    [swapped[8], swapped[9]] = [swapped[9]!, swapped[8]!];
    const deleted = copyRecords().filter(r => r.seq !== 9);
    for (const [records, kind] of [[swapped, 'reordered'], [deleted, 'deleted']] as const) {
      const verifier = new LedgerVerifier({ ...options, checkpoints: [] });
      expect(verifier.push(records.slice(0, 9))).toBeUndefined();
      verifier.push(records.slice(9));
      expect(problemOf(verifier.finish())).toMatchObject({ kind, seq: 9 });
    }
    const atEnd = new LedgerVerifier({ ...options, checkpoints: [] });
    atEnd.push(deleted.slice(0, 9));
    expect(problemOf(atEnd.finish())).toMatchObject({ kind: 'deleted', seq: 9 });
  });

  it('refuses pages that do not continue the stream or cross a checkpoint', () => {
    const verifier = new LedgerVerifier(options);
    expect(verifier.getNextBoundary()).toBe(5);
    const { summarizeRecordPage } = jest.requireActual<typeof import('./summarizeRecordPage.js')>('./summarizeRecordPage.js');
    expect(() => verifier.pushPageSummary(summarizeRecordPage(ledger.records, 0, 0, 6))).toThrow(/crosses the checkpoint at 5/);
    expect(() => verifier.pushPageSummary(summarizeRecordPage(ledger.records, 1, 1, 3))).toThrow(/verifier is at 0/);
  });

  it('lists the boundaries ahead, so pages can be planned before the earlier ones are joined', () => {
    const verifier = new LedgerVerifier(options);
    const boundaries = verifier.getBoundaries();
    expect(boundaries[0]).toBe(verifier.getNextBoundary());
    expect(boundaries).toEqual([...boundaries].sort((a, b) => a - b));
    expect(new Set(boundaries).size).toBe(boundaries.length);
    verifier.push(ledger.records.slice(0, boundaries[0]));
    expect(verifier.getBoundaries()).toEqual(boundaries.slice(1));
  });

  it('rejects a malformed verifier key as a configuration error', () => {
    expect(() => new LedgerVerifier({ ...options, verifierKeys: ['not a key'] })).toThrow(/not a verifier key/);
  });

  it('keeps sealing and verifying in agreement for appended records', () => {
    const next = sealRecord(createTestRecordContent(21), ledger.records[19]!.chainHash);
    expect(verifyLedger([...ledger.records, next], options)).toMatchObject({ ok: true, records: 21, unanchoredRecords: 1 });
  });
});

describe('LedgerVerifier on records stored as canonical content', () => {
  const canonical = ledger.records.map(toCanonicalRecord);

  it('accepts them, alone or mixed with field records, with the same verdict', () => {
    const expected = verifyLedger(ledger.records, options);
    expect(verifyLedger(canonical, options)).toEqual(expected);
    expect(verifyLedger(canonical.map((r, i) => (i % 2 ? r : ledger.records[i]!)), options)).toEqual(expected);
  });

  it('modified: the stored text edited', () => {
    const records = structuredClone(canonical);
    records[6]!.canonicalContent = records[6]!.canonicalContent.replace('"kind":"', '"kind":"x');
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'modified', seq: 7 });
  });

  it('modified: rows swapped with their seq columns renumbered, the texts untouched', () => {
    const records = structuredClone(canonical);
    [records[4], records[5]] = [{ ...records[5]!, seq: 5 }, { ...records[4]!, seq: 6 }];
    expect(problemOf(verifyLedger(records, options))).toMatchObject({ kind: 'modified', seq: 5, message: expect.stringContaining('seq differs') });
  });

  it('malformed: text and fields in one record', () => {
    const records: unknown[] = structuredClone(canonical);
    records[2] = { ...canonical[2]!, kind: 'label.created' };
    expect(problemOf(verifyLedger(records as typeof canonical, options))).toMatchObject({ kind: 'malformed', seq: 3 });
  });
});
