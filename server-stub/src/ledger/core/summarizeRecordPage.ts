/**
 * The per-record half of ledger verification, for one page of consecutive records: seq
 * order, leaf hashes, the chain links inside the page, and the page's compact range. It
 * needs nothing from other pages, so pages can be checked in parallel (worker threads, each
 * reading its own seq range) and joined in order by LedgerVerifier.pushPageSummary, which
 * does the rest: the link into the page, checkpoints, consistency.
 */
import { CompactRange, type CompactRangeData, type CompactRangeOptions } from './CompactRange.js';
import { ChainLinkChecker } from './hashChainLink.js';
import { canonicalizeRecordContent } from './hashRecordContent.js';
import type { StoredLedgerRecord } from './ledgerRecord.js';
import { readTopLevelSeq } from './canonicalRecord.js';
import type { LedgerProblem } from './ledgerProblem.js';
import { describeSeqProblem } from './describeSeqProblem.js';
import { hashLeafToHex } from './treeHashes.js';

const HEX_HASH = /^[0-9a-f]{64}$/;
const CONTENT_FIELDS = ['recordedAt', 'kind', 'actor', 'subject', 'detail'];

export interface PageProblem extends LedgerProblem {
  /** Index in the page of the record at fault. */
  index: number;
  /** A gap at the page's last record: whether it is a deletion or a reordering depends on the next page. */
  awaitsNextSeq?: { expectedSeq: number; seq: number };
}

export interface RecordPageSummary {
  /** Ledger position (0-based) of the page's first record; it should have seq startIndex + 1. */
  startIndex: number;
  count: number;
  /** Records that passed, a prefix of the page; the problem, if any, is at this index. */
  checked: number;
  /** The first record's seq as stored (when it is a number), for the previous page's gap check. */
  firstSeq?: number;
  /** The first record's leaf hash (recomputed) and stored chain hash, for the link into the page. */
  first?: { seq: number; leafHash: string; chainHash: string };
  /** Stored chain hash of the last checked record. */
  lastChainHash?: string;
  /** Leaves [startIndex, startIndex + checked). */
  range: CompactRangeData;
  problem?: PageProblem;
}

/**
 * Checks records[from..to), which should be the ledger positions startIndex, startIndex + 1, ...
 * `rangeOptions.onNode` sees every subtree completed inside the page by the checked records.
 */
export function summarizeRecordPage(
  records: readonly StoredLedgerRecord[],
  startIndex: number,
  from = 0,
  to = records.length,
  rangeOptions: CompactRangeOptions = {},
): RecordPageSummary {
  const range = new CompactRange(startIndex, rangeOptions);
  const firstSeq = records[from]?.seq;
  const summary: RecordPageSummary = { startIndex, count: to - from, checked: 0, range: range.toData() };
  if (typeof firstSeq === 'number') summary.firstSeq = firstSeq;
  let chain: ChainLinkChecker | undefined;
  for (let k = from; k < to; k++) {
    const record = records[k]!;
    const index = k - from;
    const expectedSeq = startIndex + index + 1;
    const problem = checkRecordShape(record, expectedSeq) ?? checkSeq(record.seq, expectedSeq, records, k, to);
    if (problem) return finishPage(summary, range, { ...problem, index });
    const leafHex = computeLeafHex(record);
    if (typeof leafHex !== 'string') return finishPage(summary, range, { ...leafHex, index });
    if (leafHex !== record.leafHash) return finishPage(summary, range, { ...describeLeafMismatch(record), index });
    if ('canonicalContent' in record && readTopLevelSeq(record.canonicalContent) !== record.seq) {
      return finishPage(summary, range, { ...describeSeqColumnMismatch(record.seq), index });
    }
    if (chain === undefined) {
      // The page's first link is checked by the verifier, which knows the previous page.
      if (!HEX_HASH.test(record.chainHash)) return finishPage(summary, range, { ...describeBadHashes(record.seq), index });
      summary.first = { seq: record.seq, leafHash: leafHex, chainHash: record.chainHash };
      chain = new ChainLinkChecker(record.chainHash);
    } else if (!chain.checkNext(leafHex, record.chainHash)) {
      return finishPage(summary, range, { ...describeChainMismatch(record), index });
    }
    range.appendLeaf(Buffer.from(leafHex, 'hex'));
    summary.checked++;
    summary.lastChainHash = record.chainHash;
  }
  return finishPage(summary, range, undefined);
}

function finishPage(summary: RecordPageSummary, range: CompactRange, problem: PageProblem | undefined): RecordPageSummary {
  summary.range = range.toData();
  if (problem) summary.problem = problem;
  return summary;
}

// Hex syntax is only examined once a comparison failed: a well-formed stored hash is proven
// by equality with the recomputed one, and the regex would cost more than the hashing.
function checkRecordShape(record: StoredLedgerRecord, expectedSeq: number): LedgerProblem | undefined {
  if (typeof record !== 'object' || record === null) return { kind: 'malformed', message: `the record at position ${expectedSeq} is not an object` };
  if (!Number.isSafeInteger(record.seq)) return { kind: 'malformed', message: `the record at position ${expectedSeq} has no integer seq` };
  if (typeof record.leafHash !== 'string' || typeof record.chainHash !== 'string') return describeBadHashes(record.seq);
  if ('canonicalContent' in record && (typeof record.canonicalContent !== 'string' || CONTENT_FIELDS.some(field => field in record))) {
    // Content both as text and as fields: which one would the verifier vouch for?
    return { kind: 'malformed', seq: record.seq, message: `record seq ${record.seq}: canonicalContent must be a string and come without content fields` };
  }
  return undefined;
}

/** The leaf hash of the stored text as it is, or of the canonicalized fields. */
function computeLeafHex(record: StoredLedgerRecord): string | LedgerProblem {
  if ('canonicalContent' in record) return hashLeafToHex(record.canonicalContent);
  try {
    return hashLeafToHex(canonicalizeRecordContent(record));
  } catch (error) {
    return { kind: 'malformed', seq: record.seq, message: `record seq ${record.seq}: ${(error as Error).message}` };
  }
}

function describeSeqColumnMismatch(seq: number): LedgerProblem {
  return { kind: 'modified', seq, message: `record seq ${seq} was modified: its seq differs from the seq in its hashed content` };
}

function describeBadHashes(seq: number): LedgerProblem {
  return { kind: 'malformed', seq, message: `record seq ${seq}: leafHash and chainHash must be 64 lower-case hex digits` };
}

function describeLeafMismatch(record: StoredLedgerRecord): LedgerProblem {
  if (!HEX_HASH.test(record.leafHash)) return describeBadHashes(record.seq);
  return { kind: 'modified', seq: record.seq, message: `record seq ${record.seq} was modified: its content does not match its stored leaf hash` };
}

function describeChainMismatch(record: StoredLedgerRecord): LedgerProblem {
  return HEX_HASH.test(record.chainHash) ? describeChainBreak(record.seq) : describeBadHashes(record.seq);
}

function checkSeq(seq: number, expectedSeq: number, records: readonly StoredLedgerRecord[], k: number, to: number): Omit<PageProblem, 'index'> | undefined {
  if (seq === expectedSeq) return undefined;
  if (seq > expectedSeq && k + 1 >= to) {
    // The record that would tell a gap from a swap is on the next page.
    return { ...describeSeqProblem(expectedSeq, seq, undefined), awaitsNextSeq: { expectedSeq, seq } };
  }
  return describeSeqProblem(expectedSeq, seq, records[k + 1]?.seq);
}

export function describeChainBreak(seq: number): LedgerProblem {
  return {
    kind: 'chain-broken',
    seq,
    message:
      `record seq ${seq}: its chain hash does not follow from seq ${seq - 1}. Records up to here were inserted, ` +
      'removed or reordered and renumbered, or this record was replaced together with its leaf hash.',
  };
}
