import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. A checkpoint copies the WAL's pages into the database file
 * and syncs both (synchronous=NORMAL syncs only there); run by the writer after a commit, as
 * SQLite's auto-checkpoint does, it stalls every request for 5–15 ms (more under load) about once
 * per 1000 pages written: during label ingest that was a third of the writer's commit time.
 * Here a worker thread with a connection of its own runs PASSIVE checkpoints (they never block
 * the writer or readers) every `intervalMs`; the writer keeps SQLite's auto-checkpoint at a larger
 * threshold as a backstop, for when the WAL cannot be reset because the worker never catches up
 * between two write transactions (it then has little left to copy). Durability is unchanged: a
 * commit is in the WAL either way, and a checkpoint syncs before it copies, whoever runs it.
 */
export interface SqliteCheckpointer {
  /** Stops the worker after its current checkpoint and closes its connection. */
  close(): Promise<void>;
}

/** Pages in the WAL after which the writer checkpoints itself (SQLite's default is 1000). */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0, fileMustExist: true });
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing now (another checkpoint runs, the disk is full): the next round, or the writer's backstop, retries.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', message => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts the checkpointing worker for the SQLite database at `path` (in WAL mode already).
 * `onFailure` is told if the worker cannot run, so the writer can checkpoint itself again.
 */
export function startSqliteCheckpointer(path: string, options: { intervalMs?: number; onFailure: (error: Error) => void }): SqliteCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs: options.intervalMs ?? 100 } });
  // Never what keeps the process alive.
  worker.unref();
  const exited = new Promise<void>(resolve => worker.once('exit', () => resolve()));
  let stopping = false;
  worker.once('error', error => {
    if (!stopping) options.onFailure(error);
  });
  return {
    async close() {
      stopping = true;
      // Referenced again so the process waits for the worker's connection to close.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
