/**
 * `readingroom audit verify` against the database: reads the records page by page with a keyset
 * cursor on this thread while worker threads check them (leaf hashes, chain links inside a page,
 * the page's compact range), and joins their summaries strictly in ledger order in the core's
 * LedgerVerifier (links between pages, signed checkpoints and their consistency). It also checks
 * the stored Merkle subtrees that proofs are built from against the tree it recomputes. Memory
 * is bounded: at most two pages per worker are in flight.
 */
import { availableParallelism } from 'node:os';
import { areHashesEqual, CompactRange, LedgerVerifier, type CompactRangeData, type LedgerProblem, type LedgerVerificationReport, type TreeNodeHash } from '../core/index.js';
import type { SqlExecutor } from '../../stores/db/Database.js';
import { readCheckpoints } from '../checkpoints/checkpointStore.js';
import { readRecordPage } from '../store/readLedgerRecords.js';
import { isStoredNode } from '../store/treeNodeStore.js';
import { PageSummarizerPool } from './PageSummarizerPool.js';
import type { PageResult } from './recordPageTask.js';

export interface VerifyOptions {
  origin: string;
  /** Trusted verifier keys (from the site's published key file, never from the database). */
  verifierKeys: readonly string[];
  /** Checkpoints kept outside the database (an auditor's copies, a witness's), checked too. */
  extraCheckpoints?: readonly string[];
  /** Records read per query. */
  pageSize?: number;
  /** Worker threads (default: the available parallelism); 0 checks on this thread. */
  workers?: number;
  onProgress?: (records: number) => void;
}

export type StoredLedgerReport = LedgerVerificationReport & { storedCheckpoints: number };

/**
 * Records per query, and at most per page sent to a worker: large enough to amortize a query
 * and a message, small enough that a page read is dropped before the next garbage collection
 * (20,000 spent twice the time in this thread's collector).
 */
const PAGE_SIZE = 5_000;

export async function verifyStoredLedger(db: SqlExecutor, options: VerifyOptions): Promise<StoredLedgerReport> {
  const stored = await readCheckpoints(db);
  const verifier = new LedgerVerifier({ origin: options.origin, verifierKeys: options.verifierKeys, checkpoints: [...stored.map(c => c.note), ...(options.extraCheckpoints ?? [])] });
  const pool = new PageSummarizerPool(options.workers ?? Math.max(1, availableParallelism()));
  try {
    const nodeProblem = await checkRecords(db, verifier, pool, options);
    const report = verifier.finish();
    // A wrong stored subtree breaks proofs, not the records: reported only if the records verify.
    if (report.ok && nodeProblem) return { ok: false, problem: nodeProblem, records: (nodeProblem.seq ?? 1) - 1, storedCheckpoints: stored.length };
    return { ...report, storedCheckpoints: stored.length };
  } finally {
    await pool.close();
  }
}

/** Feeds every page to the verifier (up to its first problem); returns the first stored-subtree problem. */
async function checkRecords(db: SqlExecutor, verifier: LedgerVerifier, pool: PageSummarizerPool, options: VerifyOptions): Promise<LedgerProblem | undefined> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const maxInFlight = 2 * Math.max(1, pool.threads);
  // Pages end at every checkpoint size: the verifier checks a checkpoint between two pages.
  const boundaries = verifier.getBoundaries();
  const nodes = new StoredNodeCheck(db);
  const inFlight: { result: Promise<PageResult>; lastSeq: number }[] = [];
  let nodeProblem: LedgerProblem | undefined;
  let stopped = false;

  /** Joins the oldest page in flight; true once the verifier found a problem. */
  const joinNext = async (): Promise<boolean> => {
    const { result, lastSeq } = inFlight.shift()!;
    const { summary, nodes: inner } = await result;
    if (verifier.pushPageSummary(summary)) return true;
    nodeProblem ??= await nodes.checkPage(summary.range, inner);
    options.onProgress?.(lastSeq);
    return false;
  };

  // The next page is asked for before this one is handed out: the database works on it meanwhile.
  let nextPage = readRecordPage(db, 0, pageSize);
  try {
    let position = 0;
    let boundary = 0;
    while (!stopped) {
      const page = await nextPage;
      if (page.length === 0) break;
      nextPage = readRecordPage(db, page[page.length - 1]!.seq, pageSize);
      for (let from = 0; from < page.length && !stopped; ) {
        while (boundaries[boundary] !== undefined && boundaries[boundary]! <= position) boundary++;
        const limit = boundaries[boundary] === undefined ? Infinity : boundaries[boundary]! - position;
        const to = Math.min(page.length, from + limit);
        while (inFlight.length >= maxInFlight && !stopped) stopped = await joinNext();
        if (stopped) break;
        const result = pool.summarize({ startIndex: position, records: from === 0 && to === page.length ? page : page.slice(from, to) });
        result.catch(() => undefined); // awaited in order by joinNext, or abandoned after a problem
        inFlight.push({ result, lastSeq: page[to - 1]!.seq });
        position += to - from;
        from = to;
      }
    }
    while (inFlight.length > 0 && !stopped) stopped = await joinNext();
  } finally {
    inFlight.length = 0;
    await nextPage.catch(() => undefined);
  }
  return nodeProblem;
}

/** Compares the subtrees of 256+ leaves the records complete with audit_tree_nodes, page by page. */
class StoredNodeCheck {
  private readonly range: CompactRange;
  private completed: TreeNodeHash[] = [];

  constructor(private readonly db: SqlExecutor) {
    this.range = new CompactRange(0, { onNode: node => isStoredNode(node) && this.completed.push(node) });
  }

  /**
   * Runs after the verifier accepted the page, so its leaf hashes are genuine. `inner`: the
   * subtrees completed inside the page (by the worker); joining the page's compact range to the
   * tree completes those that span pages.
   */
  async checkPage(pageRange: CompactRangeData, inner: readonly TreeNodeHash[]): Promise<LedgerProblem | undefined> {
    this.range.appendRange(pageRange);
    const completed = [...inner, ...this.completed];
    this.completed = [];
    if (completed.length === 0) return undefined;
    // Completion order, as appending leaf by leaf reports them: by last leaf, children first.
    const lastLeaf = (n: TreeNodeHash) => (n.index + 1) * 2 ** n.level;
    completed.sort((a, b) => lastLeaf(a) - lastLeaf(b) || a.level - b.level);
    const rows = await this.db.query<{ level: number; node_index: number; hash: Buffer }>(
      `SELECT level, node_index, hash FROM audit_tree_nodes WHERE ${completed.map(() => '(level = ? AND node_index = ?)').join(' OR ')}`,
      completed.flatMap(n => [n.level, n.index]),
    );
    const storedHashes = new Map(rows.map(row => [`${row.level}/${Number(row.node_index)}`, Buffer.from(row.hash)]));
    for (const node of completed) {
      const stored = storedHashes.get(`${node.level}/${node.index}`);
      if (!stored || !areHashesEqual(stored, node.hash)) {
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
