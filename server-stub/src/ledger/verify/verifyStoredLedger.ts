/**
 * `readingroom audit verify` against the database: reads the records page by page with a keyset
 * cursor (bounded memory), feeds the core's LedgerVerifier (leaf hashes, chain, tree, signed
 * checkpoints and their consistency), and checks the stored Merkle subtrees that proofs are
 * built from against the tree it recomputes.
 */
import { CompactRange, LedgerVerifier, type CanonicalLedgerRecord, type LedgerProblem, type LedgerVerificationReport, type TreeNodeHash } from '../core/index.js';
// Not (yet) in the core's index: reads the hashed seq without parsing the record.
import { readTopLevelSeq } from '../core/canonicalRecord.js';
import type { SqlExecutor } from '../../stores/db/Database.js';
import { readCheckpoints } from '../checkpoints/checkpointStore.js';
import { readRecordPage } from '../store/readLedgerRecords.js';
import { isStoredNode } from '../store/treeNodeStore.js';

export interface VerifyOptions {
  origin: string;
  /** Trusted verifier keys (from the site's published key file, never from the database). */
  verifierKeys: readonly string[];
  /** Checkpoints kept outside the database (an auditor's copies, a witness's), checked too. */
  extraCheckpoints?: readonly string[];
  pageSize?: number;
  onProgress?: (records: number) => void;
}

export type StoredLedgerReport = LedgerVerificationReport & { storedCheckpoints: number };

export async function verifyStoredLedger(db: SqlExecutor, options: VerifyOptions): Promise<StoredLedgerReport> {
  const stored = await readCheckpoints(db);
  const verifier = new LedgerVerifier({ origin: options.origin, verifierKeys: options.verifierKeys, checkpoints: [...stored.map(c => c.note), ...(options.extraCheckpoints ?? [])] });
  const nodes = new StoredNodeCheck(db);
  const pageSize = options.pageSize ?? 20_000;
  let after = 0;
  // A wrong stored subtree breaks proofs, not the records: reported only if the records verify.
  let nodeProblem: LedgerProblem | undefined;
  for (;;) {
    const page = await readRecordPage(db, after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    // The seq the record was hashed with, in the order of the seq column: rows whose seq columns
    // were permuted then read as a reordering (a modified text is caught by its leaf hash).
    if (verifier.push(page.map(withHashedSeq))) break;
    nodeProblem ??= await nodes.checkPage(page);
    options.onProgress?.(after);
  }
  const report = verifier.finish();
  if (report.ok && nodeProblem) return { ok: false, problem: nodeProblem, records: (nodeProblem.seq ?? 1) - 1, storedCheckpoints: stored.length };
  return { ...report, storedCheckpoints: stored.length };
}

function withHashedSeq(record: CanonicalLedgerRecord): CanonicalLedgerRecord {
  const seq = readTopLevelSeq(record.canonicalContent);
  return seq === undefined || seq === record.seq ? record : { ...record, seq };
}

/** Recomputes the subtrees of 256+ leaves and compares them with audit_tree_nodes, page by page. */
class StoredNodeCheck {
  private readonly range: CompactRange;
  private completed: TreeNodeHash[] = [];

  constructor(private readonly db: SqlExecutor) {
    this.range = new CompactRange(0, { onNode: node => isStoredNode(node) && this.completed.push(node) });
  }

  /** Runs after the verifier accepted the page, so its leaf hashes are genuine. */
  async checkPage(page: readonly CanonicalLedgerRecord[]): Promise<LedgerProblem | undefined> {
    for (const record of page) this.range.appendLeaf(Buffer.from(record.leafHash, 'hex'));
    const completed = this.completed;
    this.completed = [];
    if (completed.length === 0) return undefined;
    const rows = await this.db.query<{ level: number; node_index: number; hash: Buffer }>(
      `SELECT level, node_index, hash FROM audit_tree_nodes WHERE ${completed.map(() => '(level = ? AND node_index = ?)').join(' OR ')}`,
      completed.flatMap(n => [n.level, n.index]),
    );
    const storedHashes = new Map(rows.map(row => [`${row.level}/${Number(row.node_index)}`, Buffer.from(row.hash).toString('hex')]));
    for (const node of completed) {
      const stored = storedHashes.get(`${node.level}/${node.index}`);
      if (stored !== Buffer.from(node.hash).toString('hex')) {
        const seq = node.index * 2 ** node.level + 1;
        return {
          kind: 'modified',
          seq,
          message: `the stored Merkle subtree ${node.level}/${node.index} (records ${seq} to ${(node.index + 1) * 2 ** node.level}) is ${stored ? 'wrong' : 'missing'}: proofs built from it would not verify. The records themselves verify; rebuild the node from them.`,
        };
      }
    }
    return undefined;
  }
}
