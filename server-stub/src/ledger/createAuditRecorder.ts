/**
 * The audit recorder: entries inside a caller's transaction are appended right there; entries
 * without one are gathered and appended together (group commit), so a burst of DICOMweb access
 * records or concurrent requests costs one transaction, not one each.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../stores/db/Database.js';
import type { AuditEntry, AuditRecorder, RecordOptions } from './AuditRecorder.js';
import { InvalidRecordError } from './core/index.js';
import { checkEntry, type AppendResult, type LedgerAppender } from './store/LedgerAppender.js';

export interface AuditRecorderOptions {
  database: Database;
  appender: LedgerAppender;
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
  /** How long queued background entries wait for company before being written (ms). */
  flushDelayMs?: number;
  /** Entries per append transaction. */
  maxBatch?: number;
  /** Background entries held while the database fails; beyond this they are counted as lost. */
  maxQueued?: number;
  /** Told after every append (the checkpointer counts records). */
  onAppended?: (result: AppendResult) => void;
}

export interface ClosableAuditRecorder extends AuditRecorder {
  /** Writes what is queued (one last attempt) and stops; later entries are refused. */
  close(): Promise<void>;
}

interface Pending {
  entry: AuditEntry;
  /** Set for awaited entries (record without tx); background entries have none. */
  waiter?: { resolve(): void; reject(error: unknown): void };
}

export const SERVER_ACTOR = { userId: 'readingroom-server' } as const;

export function createAuditRecorder(options: AuditRecorderOptions): ClosableAuditRecorder {
  const flushDelayMs = options.flushDelayMs ?? 100;
  const maxBatch = options.maxBatch ?? 2000;
  const maxQueued = options.maxQueued ?? 100_000;
  let queue: Pending[] = [];
  let lost = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failures = 0;
  let closed = false;

  /** Background entries alone must not keep the process alive; an awaited record() must. */
  const schedule = (delayMs: number, awaited = false) => {
    if (running || closed) return;
    if (timer && delayMs > 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => void drain(), delayMs);
    if (!awaited) timer.unref();
  };

  /** Appends the queue batch by batch until it is empty or the database fails. */
  const drain = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    running ??= (async () => {
      try {
        while (queue.length > 0) await appendBatch(queue.splice(0, maxBatch));
        failures = 0;
      } catch (error) {
        failures++;
        options.log.error({ err: error, queued: queue.length }, 'audit ledger append failed; queued audit entries will be retried');
        throw error;
      } finally {
        running = undefined;
        // Entries queued while this drain ran go next (at once unless the database is failing).
        if (queue.length > 0) schedule(failures > 0 ? Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) : 0, queue.some(p => p.waiter));
      }
    })();
    return running;
  };

  const appendBatch = async (batch: Pending[]) => {
    const entries = batch.map(p => p.entry);
    if (lost > 0) entries.push(lostEntry(lost));
    let result: AppendResult;
    try {
      result = await options.database.transaction(tx => options.appender.append(tx, entries, dropInvalid));
    } catch (error) {
      for (const p of batch) p.waiter?.reject(error);
      // Awaited entries are their callers' to retry; background entries go back to the front.
      queue = [...batch.filter(p => !p.waiter), ...queue];
      trimQueue();
      throw error;
    }
    lost = 0;
    for (const p of batch) p.waiter?.resolve();
    options.onAppended?.(result);
  };

  const dropInvalid = (entry: AuditEntry, error: InvalidRecordError) =>
    options.log.error({ kind: entry.kind, problems: error.problems }, 'invalid audit entry dropped (a bug in its caller)');

  /** Drops the oldest background entries beyond maxQueued (awaited ones have a caller waiting). */
  const trimQueue = () => {
    const excess = queue.length - maxQueued;
    if (excess <= 0) return;
    let dropped = 0;
    queue = queue.filter(p => {
      if (p.waiter || dropped >= excess) return true;
      dropped++;
      return false;
    });
    lost += dropped;
    options.log.error({ dropped }, 'audit ledger unavailable and its queue full: the oldest queued audit entries were dropped (their number will be recorded)');
  };

  return {
    async record(entries: readonly AuditEntry[], recordOptions: RecordOptions = {}) {
      if (closed) throw new Error('The audit recorder is closed.');
      if (entries.length === 0) return;
      if (recordOptions.tx) {
        const result = await options.appender.append(recordOptions.tx, entries);
        options.onAppended?.(result);
        return;
      }
      const problems = entries.flatMap(checkEntry);
      if (problems.length > 0) throw new InvalidRecordError(problems);
      const done = entries.map(
        entry => new Promise<void>((resolve, reject) => queue.push({ entry, waiter: { resolve, reject } })),
      );
      schedule(0, true);
      await Promise.all(done);
    },

    enqueue(entries: readonly AuditEntry[]) {
      // Checked once, when appended (an invalid one is then dropped alone): this is the hot path.
      if (closed) lost += entries.length;
      else for (const entry of entries) queue.push({ entry });
      trimQueue();
      schedule(flushDelayMs);
    },

    async flush() {
      await running?.catch(() => undefined);
      if (queue.length > 0 || lost > 0) await drain();
    },

    async close() {
      closed = true;
      clearTimeout(timer);
      try {
        await running?.catch(() => undefined);
        if (queue.length > 0 || lost > 0) await drain();
      } catch {
        options.log.error({ unwritten: queue.length + lost }, 'audit entries could not be written before shutdown');
      }
    },
  };
}

function lostEntry(count: number): AuditEntry {
  return { kind: 'ledger.records-lost', actor: SERVER_ACTOR, detail: { count, outcome: 'serious-failure', reason: 'the database was unavailable and the audit queue overflowed' } };
}
