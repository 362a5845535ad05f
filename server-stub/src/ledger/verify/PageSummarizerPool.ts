/**
 * The worker threads of `readingroom audit verify`. Each worker answers its pages in the order
 * it got them; the pool hands a page to the least busy one, and the caller awaits the answers in
 * page order. Without the built worker (tests running the TypeScript sources before a build),
 * pages are summarized on the calling thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { summarizePageTask, type PageResult, type PageTask } from './recordPageTask.js';

// The verifier allocates a few short strings and buffers per record: a larger young generation
// halves its garbage-collection time (bench/ledgerCore.bench.mjs).
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

interface Pending {
  resolve: (result: PageResult) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Pending[];
}

export class PageSummarizerPool {
  private readonly workers: PoolWorker[];
  private failure: Error | undefined;

  constructor(count: number, workerFile = findWorkerFile()) {
    this.workers = workerFile ? Array.from({ length: Math.max(0, count) }, () => this.startWorker(workerFile)) : [];
  }

  get threads(): number {
    return this.workers.length;
  }

  summarize(task: PageTask): Promise<PageResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.workers.length === 0) return Promise.resolve(summarizePageTask(task));
    const target = this.workers.reduce((a, b) => (b.pending.length < a.pending.length ? b : a));
    return new Promise((resolve, reject) => {
      target.pending.push({ resolve, reject });
      target.worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the verifier stopped');
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private startWorker(file: string): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(file, { resourceLimits: WORKER_LIMITS }), pending: [] };
    entry.worker.on('message', (result: PageResult) => entry.pending.shift()?.resolve(result));
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const pending of entry.pending.splice(0)) pending.reject(error);
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', code => fail(this.failure ?? new Error(`a verifier worker exited (${code})`)));
    return entry;
  }
}

/** The compiled worker beside this module; from the sources (tests), the server build's. */
function findWorkerFile(): string | undefined {
  const candidates = [new URL('./summarizePageWorker.js', import.meta.url), new URL('../../../dist/ledger/verify/summarizePageWorker.js', import.meta.url)];
  const found = (import.meta.url.endsWith('.ts') ? candidates.slice(1) : candidates.slice(0, 1)).find(url => existsSync(url));
  return found && fileURLToPath(found);
}
