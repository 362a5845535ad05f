/**
 * Worker thread of `readingroom audit verify`: reads each seq range it is sent on a read-only
 * connection of its own and posts its page summaries in order (summarizeRange.ts), then `done`.
 * Told to close, it closes the connection and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { withoutCloudflareProbe } from './withoutCloudflareProbe.js';
import { openOwnRangeReader, type RecordRangeReader } from './recordRangeReader.js';
import type { WorkerMessage, WorkerRangeTask } from './RangeWorkerPool.js';
import { summarizeRange } from './summarizeRange.js';

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

// The driver loads while the main thread reads the checkpoints.
const preload = (workerData as { preload?: string } | undefined)?.preload;
if (preload) void withoutCloudflareProbe(() => import(preload === 'postgres' ? 'pg' : 'better-sqlite3')).catch(() => undefined);

// One connection for every range this thread is given (all of one verification).
let reader: Promise<RecordRangeReader> | undefined;

port.on('message', (message: WorkerRangeTask | { close: true }) => {
  if ('close' in message) {
    // The verification is over: end the connection (and its transaction) properly, then the thread.
    void (reader ?? Promise.resolve(undefined))
      .then(open => open?.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
    return;
  }
  void (async () => {
    reader ??= openOwnRangeReader(message.databaseUrl, message.snapshot);
    for await (const page of summarizeRange(await reader, message)) post({ page });
    post({ done: true });
  })().catch((error: unknown) => post({ error: error instanceof Error ? error.message : String(error) }));
});
