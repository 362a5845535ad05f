/**
 * summarizeRecordPage's fast path, for a page of canonical records that verifies: the same
 * summary, with as little work per record as the checks allow (`readingroom audit verify`
 * spends most of its time here). Leaf hashes go once into one buffer, the chain is checked in
 * one reused buffer, and the page's subtrees are hashed in a reused stack instead of a Buffer
 * and a node object per hash. At the first record that does not pass it gives up (undefined),
 * and summarizeRecordPage summarizes the page again to say what is wrong: one code path
 * describes problems.
 */
import { hash } from 'node:crypto';
import type { TreeNodeHash } from './CompactRange.js';
import { readTopLevelSeq } from './canonicalRecord.js';
import type { CanonicalLedgerRecord } from './ledgerRecord.js';
import type { RecordPageSummary } from './summarizeRecordPage.js';
import { HASH_SIZE } from './treeHashes.js';

const HEX_HASH = /^[0-9a-f]{64}$/;

/** A flat JSON object: string keys, and strings or scalars as values; no escapes in strings. */
const FLAT_OBJECT = String.raw`\{(?:"[^"\\]*":(?:"[^"\\]*"|[^",{}\[\]]*)(?:,"[^"\\]*":(?:"[^"\\]*"|[^",{}\[\]]*))*)?\}`;
const PLAIN_STRING = String.raw`"[^"\\]*"`;
/**
 * The members before `seq` of a canonical record whose actor and detail are flat, as most are.
 * Where it matches, readTopLevelSeq would scan exactly these members and read the same digits
 * (tested), at about twice the cost; where it does not, readTopLevelSeq decides.
 */
const FLAT_RECORD_SEQ = new RegExp(String.raw`^\{"actor":${FLAT_OBJECT},"detail":${FLAT_OBJECT},"kind":${PLAIN_STRING},"recordedAt":${PLAIN_STRING},"seq":(0|[1-9][0-9]*)[,}]`);

/** readTopLevelSeq, sooner for the usual record. */
export function readCanonicalSeq(text: string): number | undefined {
  return readFlatRecordSeq(text) ?? readTopLevelSeq(text);
}

/** The seq of a record with flat actor and detail (FLAT_RECORD_SEQ); undefined for any other text. */
export function readFlatRecordSeq(text: string): number | undefined {
  const match = FLAT_RECORD_SEQ.exec(text);
  return match ? Number(match[1]) : undefined;
}
/** A tree is at most 2^53 leaves: a compact range has at most two nodes per level. */
const MAX_RANGE_NODES = 2 * 54;

export interface CanonicalPageResult {
  summary: RecordPageSummary;
  /** The subtrees of at least `minNodeLevel` completed inside the page, in completion order. */
  nodes: TreeNodeHash[];
}

/** Summarizes records as ledger positions startIndex, startIndex + 1, ... if every one of them passes; else undefined. */
export function summarizeCanonicalPage(records: readonly CanonicalLedgerRecord[], startIndex: number, minNodeLevel = Infinity): CanonicalPageResult | undefined {
  const count = records.length;
  if (count === 0 || !Number.isSafeInteger(startIndex) || startIndex < 0) return undefined;
  const leaves = Buffer.allocUnsafe(count * HASH_SIZE);
  // previous chain hash || leaf hash
  const link = Buffer.allocUnsafe(2 * HASH_SIZE);
  for (let i = 0; i < count; i++) {
    const record = records[i]!;
    const content = record.canonicalContent;
    if (record.seq !== startIndex + i + 1 || typeof content !== 'string' || hasContentFields(record)) return undefined;
    const leafHex = hash('sha256', '\u0000' + content, 'hex');
    if (leafHex !== record.leafHash || readCanonicalSeq(content) !== record.seq) return undefined;
    const at = i * HASH_SIZE;
    leaves.write(leafHex, at, HASH_SIZE, 'hex');
    if (i > 0) {
      for (let b = 0; b < HASH_SIZE; b++) link[HASH_SIZE + b] = leaves[at + b]!;
      if (hash('sha256', link, 'hex') !== record.chainHash) return undefined;
    } else if (typeof record.chainHash !== 'string' || !HEX_HASH.test(record.chainHash)) {
      return undefined;
    }
    link.write(record.chainHash, 0, HASH_SIZE, 'hex');
  }
  const first = records[0]!;
  return toCanonicalPageResult(leaves, startIndex, minNodeLevel, { seq: first.seq, leafHash: first.leafHash, chainHash: first.chainHash }, records[count - 1]!.chainHash);
}

/**
 * The result for a page whose every record passed: its leaf hashes (`leaves`, one after the
 * other) hashed into the page's subtrees, and the first and last records' stored hashes.
 */
export function toCanonicalPageResult(leaves: Buffer, startIndex: number, minNodeLevel: number, first: NonNullable<RecordPageSummary['first']>, lastChainHash: string): CanonicalPageResult {
  const count = leaves.length / HASH_SIZE;
  const { nodes, completed } = hashSubtrees(leaves, startIndex, minNodeLevel);
  const summary: RecordPageSummary = {
    startIndex,
    count,
    checked: count,
    range: { begin: startIndex, end: startIndex + count, nodes },
    firstSeq: first.seq,
    first,
    lastChainHash,
  };
  return { summary, nodes: completed };
}

/** A record that also carries content fields is malformed (summarizeRecordPage says so). */
function hasContentFields(record: object): boolean {
  return 'recordedAt' in record || 'kind' in record || 'actor' in record || 'subject' in record || 'detail' in record;
}

/**
 * The compact range of leaves [begin, begin + n) (CompactRange.appendLeaf for each), and the
 * nodes of at least minLevel it completes, in the order CompactRange would report them.
 */
function hashSubtrees(leaves: Buffer, begin: number, minLevel: number): { nodes: { level: number; hash: Uint8Array }[]; completed: TreeNodeHash[] } {
  const stack = Buffer.allocUnsafe(MAX_RANGE_NODES * HASH_SIZE);
  const levels: number[] = [];
  const input = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
  input[0] = 0x01;
  const completed: TreeNodeHash[] = [];
  const count = leaves.length / HASH_SIZE;
  let end = begin;
  for (let i = 0; i < count; i++) {
    let top = levels.length;
    for (let b = 0, from = i * HASH_SIZE, to = top * HASH_SIZE; b < HASH_SIZE; b++) stack[to + b] = leaves[from + b]!;
    levels.push(0);
    top++;
    end++;
    let width = 1;
    // Merge while the last two nodes are siblings (as CompactRange.appendNode).
    while (top >= 2 && levels[top - 2] === levels[top - 1] && end % (2 * width) === 0) {
      const left = (top - 2) * HASH_SIZE;
      for (let b = 0; b < 2 * HASH_SIZE; b++) input[1 + b] = stack[left + b]!;
      const parent = hash('sha256', input, 'binary');
      // Byte by byte: cheaper than Buffer#write for 32 bytes.
      for (let b = 0; b < HASH_SIZE; b++) stack[left + b] = parent.charCodeAt(b);
      levels.pop();
      top--;
      const level = ++levels[top - 1]!;
      width *= 2;
      if (level >= minLevel) completed.push({ level, index: (end - width) / width, hash: new Uint8Array(stack.subarray(left, left + HASH_SIZE)) });
    }
  }
  const nodes = levels.map((level, k) => ({ level, hash: new Uint8Array(stack.subarray(k * HASH_SIZE, (k + 1) * HASH_SIZE)) }));
  return { nodes, completed };
}
