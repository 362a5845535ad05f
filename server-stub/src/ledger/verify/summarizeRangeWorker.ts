/**
 * Worker thread of `readingroom audit verify`: reads the seq range it is sent on a read-only
 * connection of its own and posts its page summaries in order (summarizeRange.ts), then `done`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openOwnRangeReader } from './recordRangeReader.js';
import type { WorkerMessage, WorkerRangeTask } from './RangeWorkerPool.js';
import { summarizeRange } from './summarizeRange.js';

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

// The driver loads while the main thread reads the checkpoints.
const preload = (workerData as { preload?: string } | undefined)?.preload;
if (preload) void import(preload === 'postgres' ? 'pg' : 'better-sqlite3').catch(() => undefined);

port.on('message', (task: WorkerRangeTask) => {
  void (async () => {
    const reader = await openOwnRangeReader(task.databaseUrl, task.snapshot);
    try {
      for await (const page of summarizeRange(reader, task)) post({ page });
    } finally {
      await reader.close();
    }
    post({ done: true });
  })().catch((error: unknown) => post({ error: error instanceof Error ? error.message : String(error) }));
});
