/**
 * The worker threads of `readingroom audit verify`: each reads seq ranges of the ledger, one at
 * a time, on a connection of its own and summarizes them (summarizeRangeWorker.ts), streaming
 * the page summaries back in order. Nothing but those small summaries crosses threads: the records are
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
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private closed = false;

  /** Starts the threads at once (they load their modules, and the database driver named, meanwhile). */
  constructor(count: number, preload?: 'sqlite' | 'postgres', workerFile = findWorkerFile()) {
    this.workers = workerFile ? Array.from({ length: Math.max(0, count) }, () => new Worker(workerFile, { resourceLimits: WORKER_LIMITS, workerData: { preload } })) : [];
    this.idle = [...this.workers];
  }

  /** Threads started, busy or not. */
  get threads(): number {
    return this.workers.length;
  }

  get idleThreads(): number {
    return this.idle.length;
  }

  /**
   * The range's pages, in order, from an idle thread. Once the thread has sent them all it is
   * idle again and `onFree` is called (to hand it the next range).
   */
  run(task: WorkerRangeTask, onFree?: () => void): AsyncIterable<RangePage> {
    const worker = this.idle.shift();
    if (!worker) throw new Error('no idle verifier worker');
    const queue = new MessageQueue(worker, () => {
      if (this.closed) return;
      this.idle.push(worker);
      onFree?.();
    });
    worker.postMessage(task);
    return queue;
  }

  /** Ends the threads: each closes its connection first (terminated if it does not end within a second). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.idle.length = 0;
    await Promise.all(this.workers.map(endWorker));
  }
}

/** One range's messages from a worker as an async iterable; buffered until read (summaries are small). */
class MessageQueue implements AsyncIterable<RangePage> {
  private readonly buffered: WorkerMessage[] = [];
  private wake: (() => void) | undefined;

  constructor(worker: Worker, onDone: () => void) {
    const push = (message: WorkerMessage) => {
      this.buffered.push(message);
      this.wake?.();
    };
    const onMessage = (message: WorkerMessage) => {
      if ('done' in message) {
        // The worker's next messages are another range's.
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        push(message);
        onDone();
      } else push(message);
    };
    const onError = (error: Error) => push({ error: error.message });
    const onExit = (code: number) => push({ error: `a verifier worker exited (${code})` });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RangePage> {
    for (;;) {
      while (this.buffered.length === 0) await new Promise<void>(resolve => (this.wake = resolve));
      const message = this.buffered.shift()!;
      if ('page' in message) yield message.page;
      else if ('done' in message) return;
      else throw new Error(`the verifier worker failed: ${message.error}`);
    }
  }
}

function endWorker(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve(); // already ended
  return new Promise(resolve => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 1000);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ close: true });
  });
}

/** The compiled worker beside this module; from the sources (tests), the server build's. */
function findWorkerFile(): string | undefined {
  const candidates = [new URL('./summarizeRangeWorker.js', import.meta.url), new URL('../../../dist/ledger/verify/summarizeRangeWorker.js', import.meta.url)];
  const found = (import.meta.url.endsWith('.ts') ? candidates.slice(1) : candidates.slice(0, 1)).find(url => existsSync(url));
  return found && fileURLToPath(found);
}
