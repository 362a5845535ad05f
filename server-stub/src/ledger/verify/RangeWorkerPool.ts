/**
 * The worker threads of `readingroom audit verify`: each reads one seq range of the ledger on a
 * connection of its own and summarizes it (summarizeRangeWorker.ts), streaming the page
 * summaries back in order. Nothing but those small summaries crosses threads: the records are
 * read, hashed and dropped where they are. Without the built worker (tests running the
 * TypeScript sources before a build) the pool has no threads and the caller reads on its own.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseDatabaseUrl } from '../../stores/db/openDatabase.js';
import type { RangePage, RangeTask } from './summarizeRange.js';

// The verifier allocates a few short strings and buffers per record: a larger young generation
// halves its garbage-collection time (bench/ledgerCore.bench.mjs).
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

export interface WorkerRangeTask extends RangeTask {
  databaseUrl: string;
  /** PostgreSQL: the snapshot to read in (pg_export_snapshot()). */
  snapshot?: string;
}

export type WorkerMessage = { page: RangePage } | { done: true } | { error: string };

/**
 * The threads for verifying the database at `databaseUrl`, started at once: by default one per
 * core but one, as the calling thread reads a range too (one thread fewer to start, and on
 * PostgreSQL one driver fewer to load). None for an in-memory SQLite database, which other
 * connections cannot open.
 */
export function startRangeWorkers(databaseUrl: string, count = availableParallelism() - 1): RangeWorkerPool {
  const target = parseDatabaseUrl(databaseUrl);
  const shareable = target.dialect === 'postgres' || target.path !== ':memory:';
  return new RangeWorkerPool(shareable ? Math.max(0, count) : 0, target.dialect);
}

export class RangeWorkerPool {
  private readonly idle: Worker[];
  private readonly running = new Set<MessageQueue>();

  /** Starts the threads at once (they load their modules, and the database driver named, meanwhile). */
  constructor(count: number, preload?: 'sqlite' | 'postgres', workerFile = findWorkerFile()) {
    this.idle = workerFile ? Array.from({ length: Math.max(0, count) }, () => new Worker(workerFile, { resourceLimits: WORKER_LIMITS, workerData: { preload } })) : [];
  }

  get threads(): number {
    return this.idle.length;
  }

  /** The range's pages, in order, from a thread of its own (each thread takes one range). */
  run(task: WorkerRangeTask): AsyncIterable<RangePage> {
    const worker = this.idle.shift();
    if (!worker) throw new Error('no idle verifier worker');
    const queue = new MessageQueue(worker, this.running);
    worker.postMessage(task);
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map(worker => worker.terminate()));
    await Promise.all([...this.running].map(queue => queue.stop()));
  }
}

/** A worker's messages as an async iterable; buffered until read (summaries are small). */
class MessageQueue implements AsyncIterable<RangePage> {
  private readonly buffered: WorkerMessage[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly running: Set<MessageQueue>,
  ) {
    running.add(this);
    const push = (message: WorkerMessage) => {
      this.buffered.push(message);
      this.wake?.();
    };
    worker.on('message', push);
    worker.on('error', error => push({ error: error.message }));
    worker.on('exit', code => push({ error: `a verifier worker exited (${code})` }));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RangePage> {
    try {
      for (;;) {
        while (this.buffered.length === 0) await new Promise<void>(resolve => (this.wake = resolve));
        const message = this.buffered.shift()!;
        if ('page' in message) yield message.page;
        else if ('done' in message) return;
        else throw new Error(`the verifier worker failed: ${message.error}`);
      }
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    if (!this.running.delete(this)) return;
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }
}

/** The compiled worker beside this module; from the sources (tests), the server build's. */
function findWorkerFile(): string | undefined {
  const candidates = [new URL('./summarizeRangeWorker.js', import.meta.url), new URL('../../../dist/ledger/verify/summarizeRangeWorker.js', import.meta.url)];
  const found = (import.meta.url.endsWith('.ts') ? candidates.slice(1) : candidates.slice(0, 1)).find(url => existsSync(url));
  return found && fileURLToPath(found);
}
