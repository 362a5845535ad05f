/**
 * The per-page half of `readingroom audit verify`, for one page of stored records: it reads
 * each record's hashed seq, recomputes leaf hashes, chain links and the page's compact range
 * (summarizeRecordPage), and names the stored subtrees (256+ leaves) the page completes, for
 * the main thread to compare with audit_tree_nodes. Runs where the page was read (a worker).
 */
// The core's modules one by one, not its index: a worker thread loads only what it runs.
import type { TreeNodeHash } from '../core/CompactRange.js';
import { readTopLevelSeq } from '../core/canonicalRecord.js';
import type { CanonicalLedgerRecord } from '../core/ledgerRecord.js';
import { summarizeCanonicalPage } from '../core/summarizeCanonicalPage.js';
import { summarizeRecordPage, type RecordPageSummary } from '../core/summarizeRecordPage.js';

/** Consecutive records for ledger positions startIndex, startIndex + 1, ... (as they were read). */
export interface PageTask {
  startIndex: number;
  records: CanonicalLedgerRecord[];
  /** The level from which completed subtrees are returned (the stored ones: STORED_NODE_MIN_LEVEL). */
  minNodeLevel: number;
}

export interface PageResult {
  summary: RecordPageSummary;
  /** Stored-size subtrees completed inside the page, in completion order. */
  nodes: TreeNodeHash[];
}

export function summarizePageTask(task: PageTask): PageResult {
  // A page that verifies, the common case, takes the fast path.
  const fast = summarizeCanonicalPage(task.records, task.startIndex, task.minNodeLevel);
  if (fast) return fast;
  // A page that verifies as stored has every seq column equal to its hashed seq (checked per
  // record), so reading the hashed seqs first would change nothing; otherwise the page is
  // checked again with them, to report what the first problem really is.
  let { summary, nodes } = summarize(task.records, task.startIndex, task.minNodeLevel);
  if (summary.problem) ({ summary, nodes } = summarize(task.records.map(withHashedSeq), task.startIndex, task.minNodeLevel));
  // Hashes are slices of a shared pool: copied, so posting one does not copy its whole pool.
  for (const node of nodes) node.hash = new Uint8Array(node.hash);
  for (const node of summary.range.nodes) node.hash = new Uint8Array(node.hash);
  return { summary, nodes };
}

function summarize(records: readonly CanonicalLedgerRecord[], startIndex: number, minNodeLevel: number): PageResult {
  const nodes: TreeNodeHash[] = [];
  const summary = summarizeRecordPage(records, startIndex, 0, records.length, { onNode: node => node.level >= minNodeLevel && nodes.push(node) });
  return { summary, nodes };
}

/**
 * The seq the record was hashed with, in the order of the seq column: rows whose seq columns
 * were permuted then read as a reordering (a modified text is caught by its leaf hash).
 */
function withHashedSeq(record: CanonicalLedgerRecord): CanonicalLedgerRecord {
  const seq = typeof record.canonicalContent === 'string' ? readTopLevelSeq(record.canonicalContent) : undefined;
  return seq === undefined || seq === record.seq ? record : { ...record, seq };
}
