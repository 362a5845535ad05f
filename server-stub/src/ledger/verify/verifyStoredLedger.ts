/**
 * `readingroom audit verify` against the database. The ledger is cut into seq ranges, one per
 * thread (the worker threads and this one, which reads the first); each reads its range on a
 * read-only connection of its own and checks it page by page (leaf hashes, chain links inside a
 * page, the page's compact range), assuming the seqs before the range are all there. This
 * thread joins the page summaries strictly in
 * ledger order in the core's LedgerVerifier (links between pages, signed checkpoints and their
 * consistency), so the first problem reported is the first in the ledger whatever range finds
 * it; a range that does not fit where the ledger before it ended (seqs missing at a cut) is
 * read again from there, on this thread. It also checks the stored Merkle subtrees that proofs
 * are built from against the tree it recomputes. On PostgreSQL every reader reads in one
 * snapshot (REPEATABLE READ, exported to the workers), so all see the same ledger.
 */
import { areHashesEqual, CompactRange, LedgerVerifier, type CompactRangeData, type LedgerProblem, type LedgerVerificationReport, type TreeNodeHash } from '../core/index.js';
import type { Database, Dialect, SqlExecutor } from '../../stores/db/Database.js';
import { parseDatabaseUrl } from '../../stores/db/openDatabase.js';
import { readCheckpoints } from '../checkpoints/checkpointStore.js';
import { isStoredNode, STORED_NODE_MIN_LEVEL } from '../store/treeNodeStore.js';
import { RangeWorkerPool, startRangeWorkers } from './RangeWorkerPool.js';
import { createDatabaseRangeReader, openOwnRangeReader, type RecordRangeReader } from './recordRangeReader.js';
import { summarizeRange, type RangePage, type RangeTask, type RecordRange } from './summarizeRange.js';

export interface VerifyOptions {
  origin: string;
  /** Trusted verifier keys (from the site's published key file, never from the database). */
  verifierKeys: readonly string[];
  /** Checkpoints kept outside the database (an auditor's copies, a witness's), checked too. */
  extraCheckpoints?: readonly string[];
  /**
   * The database's DATABASE_URL: readers then use connections of their own (a worker thread
   * each). Without it (or for `:memory:`) every record is read through `db` on this thread.
   */
  databaseUrl?: string;
  /** Records read per query. */
  pageSize?: number;
  /** Stored subtrees compared per query (default NODES_PER_QUERY). */
  nodesPerQuery?: number;
  /** Worker threads (default: one per core but one, this thread reading a range too); 0 reads and checks on this thread. */
  workers?: number;
  /** Threads the caller started early (startRangeWorkers) and closes; `workers` is then ignored. */
  pool?: RangeWorkerPool;
  /** Seq ranges the ledger is cut into (default: RANGES_PER_THREAD for each thread, this one included); this thread reads from the first on, the workers take the last ones left. */
  ranges?: number;
  onProgress?: (records: number) => void;
}

export type StoredLedgerReport = LedgerVerificationReport & { storedCheckpoints: number };

/**
 * Records per query, and at most per page summary: large enough to amortize a query and a
 * message, small enough that the pages alive stay small in the young generation, which every
 * scavenge copies. The CLI on 200,000 records, 2-core machine, medians of 5–7 (2026-11-28):
 * PostgreSQL 0.86 s with 5,000 a page, 0.77 s with 2,000, 0.80 s with 1,000 (its backends then
 * spend 290 ms instead of 240 on the 200 queries), 0.89 s with 500. SQLite 0.71 s with 5,000,
 * 0.57 s with 2,000 or 1,000; reading each page only once the last is checked (the reader
 * blocks this thread anyway: summarizeRange), 1,000 then beat 2,000 by 0.03–0.04 s.
 */
const PAGE_SIZE: Record<Dialect, number> = { sqlite: 1_000, postgres: 2_000 };
/** Ranges per thread (planRanges keeps each at least a page). */
const RANGES_PER_THREAD = 4;

export async function verifyStoredLedger(db: Database, options: VerifyOptions): Promise<StoredLedgerReport> {
  const { databaseUrl } = options;
  // Started before anything is read: the threads boot and load the driver meanwhile.
  const pool = options.pool ?? (databaseUrl !== undefined ? startRangeWorkers(databaseUrl, options.workers) : new RangeWorkerPool(0));
  try {
    // A database other connections cannot open (`:memory:`) is read through `db`.
    const ownConnections = databaseUrl !== undefined && !isInMemory(databaseUrl);
    return await inOneSnapshot(db, (executor, snapshot) => verifyInSnapshot(executor, pool, { ...options, databaseUrl: ownConnections ? databaseUrl : undefined }, snapshot));
  } finally {
    if (!options.pool) await pool.close();
  }
}

/** PostgreSQL: a REPEATABLE READ transaction whose snapshot the workers import. SQLite: the ledger is append-only, and each reader reads its range in one read transaction. */
async function inOneSnapshot<T>(db: Database, verify: (executor: SqlExecutor, snapshot: string | undefined) => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return verify(db, undefined);
  return db.transaction(async tx => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const row = await tx.queryOne<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    return verify(tx, row!.snapshot);
  });
}

async function verifyInSnapshot(db: SqlExecutor, pool: RangeWorkerPool, options: VerifyOptions, snapshot: string | undefined): Promise<StoredLedgerReport> {
  const stored = await readCheckpoints(db);
  const verifier = new LedgerVerifier({ origin: options.origin, verifierKeys: options.verifierKeys, checkpoints: [...stored.map(c => c.note), ...(options.extraCheckpoints ?? [])] });
  const nodeProblem = await checkRecords(db, verifier, pool, options, snapshot);
  const report = verifier.finish();
  // A wrong stored subtree breaks proofs, not the records: reported only if the records verify.
  if (report.ok && nodeProblem) return { ok: false, problem: nodeProblem, records: (nodeProblem.seq ?? 1) - 1, storedCheckpoints: stored.length };
  return { ...report, storedCheckpoints: stored.length };
}

/** Feeds every page to the verifier in ledger order (up to its first problem); returns the first stored-subtree problem. */
async function checkRecords(db: SqlExecutor, verifier: LedgerVerifier, pool: RangeWorkerPool, options: VerifyOptions, snapshot: string | undefined): Promise<LedgerProblem | undefined> {
  const pageSize = options.pageSize ?? PAGE_SIZE[db.dialect];
  // Pages end at every checkpoint size: the verifier checks a checkpoint between two pages.
  const boundaries = verifier.getBoundaries();
  const maxSeq = Number((await db.queryOne<{ max_seq: number | null }>('SELECT max(seq) AS max_seq FROM audit_ledger'))?.max_seq ?? 0);
  const { databaseUrl } = options;
  const threads = databaseUrl ? pool.threads : 0;
  // Ranges of a few pages each, so the threads end close together however the machine's other
  // work slows one of them: this thread reads them from the first on (in joining order), the
  // worker threads take the last ones not taken yet, and they meet in the middle.
  const ranges = planRanges(maxSeq, options.ranges ?? (threads > 0 ? RANGES_PER_THREAD * (threads + 1) : 1), pageSize);
  const tasks: RangeTask[] = ranges.map(range => ({ ...range, boundaries, pageSize, minNodeLevel: STORED_NODE_MIN_LEVEL }));
  const claimed: (AsyncIterable<RangePage> | undefined)[] = [];
  let joining = 0;
  const handOut = (): void => {
    if (!databaseUrl) return;
    while (pool.idleThreads > 0) {
      let k = ranges.length - 1;
      while (k > joining && claimed[k]) k--;
      if (k <= joining) return;
      claimed[k] = pool.run({ ...tasks[k]!, databaseUrl, snapshot }, handOut);
    }
  };
  // This thread reads on one connection for all the ranges it takes.
  let reader: Promise<RecordRangeReader> | undefined;
  const openReader = (): Promise<RecordRangeReader> => (reader ??= databaseUrl ? openOwnRangeReader(databaseUrl, snapshot) : Promise.resolve(createDatabaseRangeReader(db)));

  const nodes = new StoredNodeCheck(db, options.nodesPerQuery ?? NODES_PER_QUERY);
  let nodeProblem: LedgerProblem | undefined;
  let lastSeq = 0;
  /** Joins the next page: false once the verifier has a problem, or the page does not fit (`misfit`). */
  let misfit = false;
  const join = async (page: RangePage): Promise<boolean> => {
    if (!verifier.accepts(page.summary)) return !(misfit = true);
    if (verifier.pushPageSummary(page.summary)) return false;
    if (nodes.addPage(page.summary.range, page.nodes)) nodeProblem ??= await nodes.check();
    lastSeq = page.lastSeq;
    options.onProgress?.(lastSeq);
    return true;
  };

  try {
    handOut();
    joining: for (; joining < ranges.length; joining++) {
      const stream = (claimed[joining] ??= summarizeRange(await openReader(), tasks[joining]!));
      for await (const page of stream) {
        if (!(await join(page))) break joining;
        // SQLite reads synchronously: let the workers' messages in (a free worker takes the next range).
        await new Promise(setImmediate);
      }
    }
  } finally {
    await (await reader?.catch(() => undefined))?.close();
  }
  if (misfit) {
    // Seqs are missing where a range begins: read on from the last record joined, in order.
    await pool.close();
    const rest = summarizeRange(createDatabaseRangeReader(db), { afterSeq: lastSeq, startIndex: verifier.joinedRecords, boundaries: verifier.getBoundaries(), pageSize, minNodeLevel: STORED_NODE_MIN_LEVEL });
    for await (const page of rest) if (!(await join(page))) break;
  }
  nodeProblem ??= await nodes.check();
  return nodeProblem;
}

/**
 * Ranges of about equal numbers of seqs over (0, maxSeq], the last one open-ended (records
 * appended meanwhile, or beyond a seq gap); none smaller than a page.
 */
export function planRanges(maxSeq: number, count: number, pageSize: number): RecordRange[] {
  const n = Math.max(1, Math.min(count, Math.floor(maxSeq / pageSize)));
  return Array.from({ length: n }, (_, k) => {
    const afterSeq = Math.round((maxSeq * k) / n);
    return k === n - 1 ? { afterSeq, startIndex: afterSeq } : { afterSeq, untilSeq: Math.round((maxSeq * (k + 1)) / n), startIndex: afterSeq };
  });
}

function isInMemory(databaseUrl: string): boolean {
  const target = parseDatabaseUrl(databaseUrl);
  return target.dialect === 'sqlite' && target.path === ':memory:';
}

/**
 * Subtrees waiting for their comparison: up to this many, all of one ledger of 500,000 records
 * or so, are compared in one query (a query per page cost the CLI on 200,000 records about
 * 60 ms of this thread and PostgreSQL's backend a hundred small queries).
 */
const NODES_PER_QUERY = 2_048;

/**
 * Compares the subtrees of 256+ leaves the records complete with audit_tree_nodes, a batch of
 * pages at a time, in the order the subtrees complete: the first wrong one is the first that a
 * page-by-page comparison would find.
 */
class StoredNodeCheck {
  private readonly range: CompactRange;
  private completed: TreeNodeHash[] = [];
  /** Completed subtrees not compared yet, in completion order. */
  private pending: TreeNodeHash[] = [];

  constructor(
    private readonly db: SqlExecutor,
    private readonly nodesPerQuery: number,
  ) {
    this.range = new CompactRange(0, { onNode: node => isStoredNode(node) && this.completed.push(node) });
  }

  /**
   * Called once the verifier accepted the page, so its leaf hashes are genuine. `inner`: the
   * subtrees completed inside the page (by the worker); joining the page's compact range to the
   * tree completes those that span pages. True when enough subtrees wait for `check()`.
   */
  addPage(pageRange: CompactRangeData, inner: readonly TreeNodeHash[]): boolean {
    this.range.appendRange(pageRange);
    const completed = [...inner, ...this.completed];
    this.completed = [];
    // Completion order, as appending leaf by leaf reports them: by last leaf, children first.
    const lastLeaf = (n: TreeNodeHash) => (n.index + 1) * 2 ** n.level;
    completed.sort((a, b) => lastLeaf(a) - lastLeaf(b) || a.level - b.level);
    for (const node of completed) this.pending.push(node);
    return this.pending.length >= this.nodesPerQuery;
  }

  /** Compares the waiting subtrees with the stored ones: the first that is wrong or missing. */
  async check(): Promise<LedgerProblem | undefined> {
    const completed = this.pending;
    this.pending = [];
    if (completed.length === 0) return undefined;
    // A level's subtrees completed in a run of pages are consecutive: one index span per level.
    const spans = new Map<number, { from: number; to: number }>();
    for (const { level, index } of completed) {
      const span = spans.get(level);
      if (!span) {
        spans.set(level, { from: index, to: index });
      } else {
        span.from = Math.min(span.from, index);
        span.to = Math.max(span.to, index);
      }
    }
    const rows = await this.db.query<{ level: number; node_index: number; hash: Buffer }>(
      `SELECT level, node_index, hash FROM audit_tree_nodes WHERE ${[...spans.keys()].map(() => '(level = ? AND node_index BETWEEN ? AND ?)').join(' OR ')}`,
      [...spans].flatMap(([level, { from, to }]) => [level, from, to]),
    );
    const storedHashes = new Map(rows.map(row => [`${row.level}/${Number(row.node_index)}`, row.hash]));
    for (const node of completed) {
      const stored = storedHashes.get(`${node.level}/${node.index}`);
      if (!stored || !areHashesEqual(Buffer.from(stored), node.hash)) {
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
