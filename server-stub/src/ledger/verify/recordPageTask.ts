/**
 * The worker's half of `readingroom audit verify`, for one page of stored records: it reads
 * each record's hashed seq, recomputes leaf hashes, chain links and the page's compact range
 * (summarizeRecordPage), and names the stored subtrees (256+ leaves) the page completes, for
 * the main thread to compare with audit_tree_nodes. The main thread only reads and posts rows.
 */
import { summarizeRecordPage, type CanonicalLedgerRecord, type RecordPageSummary, type TreeNodeHash } from '../core/index.js';
// Not (yet) in the core's index: reads the hashed seq without parsing the record.
import { readTopLevelSeq } from '../core/canonicalRecord.js';
import { isStoredNode } from '../store/treeNodeStore.js';

/** Consecutive records for ledger positions startIndex, startIndex + 1, ... (posted as they were read). */
export interface PageTask {
  startIndex: number;
  records: CanonicalLedgerRecord[];
}

export interface PageResult {
  summary: RecordPageSummary;
  /** Stored-size subtrees completed inside the page, in completion order. */
  nodes: TreeNodeHash[];
}

export function summarizePageTask(task: PageTask): PageResult {
  // A page that verifies as stored has every seq column equal to its hashed seq (checked per
  // record), so reading the hashed seqs first would change nothing; otherwise the page is
  // checked again with them, to report what the first problem really is.
  let { summary, nodes } = summarize(task.records, task.startIndex);
  if (summary.problem) ({ summary, nodes } = summarize(task.records.map(withHashedSeq), task.startIndex));
  // Hashes are slices of a shared pool: copied, so posting one does not copy its whole pool.
  for (const node of nodes) node.hash = new Uint8Array(node.hash);
  for (const node of summary.range.nodes) node.hash = new Uint8Array(node.hash);
  return { summary, nodes };
}

function summarize(records: readonly CanonicalLedgerRecord[], startIndex: number): PageResult {
  const nodes: TreeNodeHash[] = [];
  const summary = summarizeRecordPage(records, startIndex, 0, records.length, { onNode: node => isStoredNode(node) && nodes.push(node) });
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
