/**
 * Signs a checkpoint of the ledger every `intervalMs` or every `everyRecords` records, whichever
 * comes first, when there is anything new. Several server processes may run one each: the
 * signing transaction takes the "audit-checkpoint" lock and re-checks that a checkpoint is still
 * due, so one process signs and the others find it done. It then waits for the ledger lock, so an
 * append that told it the new size (from inside its own transaction) has committed before the head
 * is read. Checkpoints due by size cover each multiple of `everyRecords` the ledger reaches (one
 * signing may sign several), so they are the same however the appends of processes interleave.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../stores/db/Database.js';
import { signCheckpoint } from '../core/index.js';
import { LEDGER_LOCK, readLedgerHead } from '../store/LedgerAppender.js';
import { readCompactRange } from '../store/treeNodeStore.js';
import { insertCheckpoint, readLatestCheckpoint, type StoredCheckpoint } from './checkpointStore.js';
import type { LedgerKey } from './loadSigningKey.js';

export const CHECKPOINT_LOCK = 'audit-checkpoint';

export interface CheckpointerOptions {
  database: Database;
  key: LedgerKey;
  intervalMs?: number;
  everyRecords?: number;
  /** A folder outside the database that receives a copy of every checkpoint (`<tree size>.checkpoint`). */
  copyDir?: string;
  log: { error(object: object, message: string): void };
  now?: () => Date;
}

export interface Checkpointer {
  /** Tells it the ledger has grown to `size` records; signs soon if that is `everyRecords` past the last checkpoint. */
  noteSize(size: number): void;
  /** Signs a checkpoint now if there are records since the last one; resolves with the latest checkpoint. */
  checkpointNow(): Promise<StoredCheckpoint | undefined>;
  /** What the timer does every interval: signs if an interval has passed since the latest checkpoint (of any process) and there is something new. */
  tick(): Promise<StoredCheckpoint | undefined>;
  /** Starts the timer. */
  start(): void;
  /** Stops the timer and waits for a signing in progress. */
  stop(): Promise<void>;
}

export function createCheckpointer(options: CheckpointerOptions): Checkpointer {
  const intervalMs = options.intervalMs ?? 60_000;
  const everyRecords = options.everyRecords ?? 10_000;
  const now = options.now ?? (() => new Date());
  let lastSize = 0;
  /** The largest size appends have told of. */
  let notedSize = 0;
  let running: Promise<StoredCheckpoint | undefined> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  /** Signs if due (re-checked under the lock): 'size' when everyRecords are new, 'timer' when also intervalMs passed, 'now' whenever anything is new. */
  const signInTransaction = (reason: 'size' | 'timer' | 'now') =>
    options.database.transaction(async tx => {
      // Waits for a running append to commit: the one that told noteSize() of its size, perhaps.
      await tx.lock(LEDGER_LOCK);
      const latest = await readLatestCheckpoint(tx);
      const head = await readLedgerHead(tx);
      const latestSize = latest?.treeSize ?? 0;
      const dueBySize = head.size - latestSize >= everyRecords;
      // Timers of several processes fire at different moments: one checkpoint per interval among them.
      const dueByTime = reason === 'now' || (reason === 'timer' && (!latest || now().getTime() - Date.parse(latest.signedAt) >= intervalMs * 0.9));
      if (head.size <= latestSize || !(dueBySize || dueByTime)) return latest;
      // Every multiple of everyRecords that no checkpoint covers yet, then the head when time is due.
      const sizes: number[] = [];
      for (let size = latestSize - (latestSize % everyRecords) + everyRecords; size <= head.size; size += everyRecords) sizes.push(size);
      if (dueByTime && sizes[sizes.length - 1] !== head.size) sizes.push(head.size);
      let checkpoint: StoredCheckpoint | undefined;
      for (const treeSize of sizes) {
        const rootHash = (await readCompactRange(tx, treeSize)).getRootHash();
        const note = signCheckpoint({ origin: options.key.origin, treeSize, rootHash }, options.key.signer);
        checkpoint = { treeSize, rootHash: Buffer.from(rootHash).toString('hex'), note, signedAt: now().toISOString() };
        await insertCheckpoint(tx, checkpoint);
      }
      return checkpoint;
    }, { lock: CHECKPOINT_LOCK });

  const sign = (reason: 'size' | 'timer' | 'now'): Promise<StoredCheckpoint | undefined> => {
    if (running) return running;
    let advanced = false;
    const current: Promise<StoredCheckpoint | undefined> = signInTransaction(reason)
      .then(checkpoint => {
        advanced = checkpoint !== undefined && checkpoint.treeSize > lastSize;
        if (checkpoint) lastSize = Math.max(lastSize, checkpoint.treeSize);
        if (checkpoint && options.copyDir) writeCopy(options.copyDir, checkpoint, options.log);
        return checkpoint;
      })
      .finally(() => {
        running = undefined;
        // Appends told of while this one signed may have made another checkpoint due (a told size
        // whose transaction rolled back never will: only a signing that advanced tries again).
        if (advanced && !stopped && notedSize - lastSize >= everyRecords) signLogged('size');
      });
    running = current;
    return current;
  };

  const signLogged = (reason: 'size' | 'timer') => {
    sign(reason).catch(error => options.log.error({ err: error }, 'signing an audit ledger checkpoint failed; will try again'));
  };

  return {
    noteSize(size) {
      notedSize = Math.max(notedSize, size);
      if (!stopped && size - lastSize >= everyRecords && !running) signLogged('size');
    },
    checkpointNow: async () => {
      await running?.catch(() => undefined);
      return sign('now');
    },
    tick: () => sign('timer'),
    start() {
      timer = setInterval(() => signLogged('timer'), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** One file per checkpoint, never overwritten (zero-padded so a listing sorts by tree size). */
function writeCopy(dir: string, checkpoint: StoredCheckpoint, log: CheckpointerOptions['log']): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${String(checkpoint.treeSize).padStart(15, '0')}.checkpoint`), checkpoint.note, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') log.error({ err: error, dir }, 'could not copy an audit checkpoint to AUDIT_CHECKPOINT_COPY_DIR');
  }
}
