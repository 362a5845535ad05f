// Seeded property-style loops: every tree size, every checkpoint pair, random page cuts and
// random tampering, each with the verdict a correct verifier must reach.
import { summarizeRecordPage } from './summarizeRecordPage.js';
import type { LedgerRecord, StoredLedgerRecord } from './ledgerRecord.js';
import { LedgerVerifier } from './LedgerVerifier.js';
import { createTestLedger, TEST_ORIGIN } from './testing/createTestLedger.js';
import { verifyLedger } from './verifyLedger.js';
import { toCanonicalRecord } from './canonicalRecord.js';

/** Park–Miller generator: deterministic, so a failure names a reproducible seed. */
function createRandom(seed: number): (below: number) => number {
  let state = seed % 2147483647 || 1;
  return below => {
    state = (state * 48271) % 2147483647;
    return state % below;
  };
}

const MAX = 40;
const ledger = createTestLedger(MAX);
const checkpointAt = Array.from({ length: MAX + 1 }, (_, size) => ledger.signAt(ledger.records, size));
const optionsWith = (sizes: number[]) => ({ origin: TEST_ORIGIN, verifierKeys: [ledger.verifierKey], checkpoints: sizes.map(s => checkpointAt[s]!) });

describe('LedgerVerifier over many ledgers', () => {
  it('accepts every prefix with every pair of checkpoints (consistency proofs for all 0 ≤ m < n ≤ 40)', () => {
    for (let n = 1; n <= MAX; n++) {
      const records = ledger.records.slice(0, n);
      for (let m = 0; m < n; m++) {
        expect(verifyLedger(records, optionsWith([m, n]))).toMatchObject({ ok: true, records: n, latestCheckpointSize: n });
      }
    }
  });

  it('gives the same verdict however the stream is cut into pages, and through page summaries', () => {
    const random = createRandom(42);
    for (let round = 0; round < 60; round++) {
      const sizes = [...new Set(Array.from({ length: random(5) }, () => random(MAX + 1)))];
      const options = optionsWith(sizes);
      const expected = verifyLedger(ledger.records, options);
      expect(expected.ok).toBe(true);
      const streamed = new LedgerVerifier(options);
      for (let at = 0; at < MAX; ) {
        const next = Math.min(MAX, at + 1 + random(9));
        streamed.push(ledger.records.slice(at, next));
        at = next;
      }
      expect(streamed.finish()).toEqual(expected);
      expect(verifyInSummaries(ledger.records, options, 1 + random(12))).toEqual(expected);
    }
  });

  it('finds a random modification at its seq, whatever the checkpoints', () => {
    const random = createRandom(7);
    for (let round = 0; round < 80; round++) {
      const records: LedgerRecord[] = structuredClone(ledger.records);
      const victim = random(MAX);
      const field = (['detail', 'actor', 'subject', 'kind', 'recordedAt'] as const)[random(5)]!;
      tamper(records[victim]!, field);
      const sizes = Array.from({ length: random(4) }, () => random(MAX + 1));
      const report = verifyLedger(records, optionsWith(sizes));
      expect(report).toMatchObject({ ok: false, records: victim, problem: { kind: 'modified', seq: victim + 1 } });
      // The same edit made to a stored canonical text.
      const stored = ledger.records.map(toCanonicalRecord);
      stored[victim] = { ...stored[victim]!, canonicalContent: toCanonicalRecord(records[victim]!).canonicalContent };
      expect(verifyLedger(stored, optionsWith(sizes))).toEqual(report);
    }
  });

  it('finds a random deletion, insertion or swap at the right seq', () => {
    const random = createRandom(99);
    for (let round = 0; round < 80; round++) {
      const records: LedgerRecord[] = structuredClone(ledger.records);
      const at = 1 + random(MAX - 2);
      const action = (['deleted', 'inserted', 'reordered'] as const)[random(3)]!;
      if (action === 'deleted') records.splice(at, 1);
      if (action === 'inserted') records.splice(at, 0, structuredClone(records[at - 1]!));
      if (action === 'reordered') [records[at], records[at + 1]] = [records[at + 1]!, records[at]!];
      const seq = action === 'inserted' ? at : at + 1;
      const pageSize = 1 + random(6);
      expect(verifyInSummaries(records, optionsWith([MAX]), pageSize)).toMatchObject({ ok: false, problem: { kind: action, seq } });
      expect(verifyInSummaries(records.map(toCanonicalRecord), optionsWith([MAX]), pageSize)).toMatchObject({ ok: false, problem: { kind: action, seq } });
    }
  });

  // Page cuts put the broken link at a page start (checked when joining) or inside a page.
  it('finds an edited chain hash at its seq, wherever the pages are cut', () => {
    const random = createRandom(2024);
    for (let round = 0; round < 80; round++) {
      const records: LedgerRecord[] = structuredClone(ledger.records);
      const victim = random(MAX);
      records[victim]!.chainHash = records[(victim + 1) % MAX]!.chainHash;
      const report = verifyInSummaries(records, optionsWith([random(MAX + 1)]), 1 + random(4));
      expect(report).toMatchObject({ ok: false, problem: { kind: 'chain-broken', seq: victim + 1 } });
    }
  });

  it('finds truncation against the latest checkpoint for every cut', () => {
    for (let kept = 0; kept < MAX; kept++) {
      const report = verifyLedger(ledger.records.slice(0, kept), optionsWith([kept, MAX]));
      expect(report).toMatchObject({ ok: false, records: kept, problem: { kind: 'truncated', seq: kept + 1, checkpointSize: MAX } });
    }
  });
});

function tamper(record: LedgerRecord, field: 'detail' | 'actor' | 'subject' | 'kind' | 'recordedAt'): void {
  if (field === 'detail') record.detail = { ...record.detail, n: -1 };
  if (field === 'actor') record.actor = { ...record.actor, userId: 'intruder' };
  if (field === 'subject') record.subject = { ...record.subject, StudyInstanceUID: '1.2.3' };
  if (field === 'kind') record.kind = 'record.forged';
  if (field === 'recordedAt') record.recordedAt = '1999-12-31T23:59:59.999Z';
}

/** The parallel-friendly path: pages summarized independently (as workers would), then joined. */
function verifyInSummaries(records: readonly StoredLedgerRecord[], options: ReturnType<typeof optionsWith>, pageSize: number) {
  const verifier = new LedgerVerifier(options);
  // Pages are planned up front from the checkpoint sizes, as a coordinator would.
  const cuts = [...new Set([...options.checkpoints.map(note => Number(note.split('\n')[1])), records.length])].sort((a, b) => a - b);
  let start = 0;
  for (const cut of cuts.filter(c => c <= records.length)) {
    for (let at = start; at < cut; at += pageSize) {
      const end = Math.min(cut, at + pageSize);
      if (verifier.pushPageSummary(summarizeRecordPage(records, at, at, end))) return verifier.finish();
    }
    start = cut;
  }
  return verifier.finish();
}
