import type { ApiClient } from '../api/createApiClient.js';
import { classifySendFailure } from './classifySendFailure.js';
import { computeBackoff } from './computeBackoff.js';
import type { OutboxRecord, OutboxStore } from './openOutboxStore.js';
import { measureEnvelopeBytes, planBatch } from './planBatch.js';
import { settleBatchResults, type BatchSettlement } from './settleBatchResults.js';
import type { SyncFacts } from './syncStatus.js';

export type Timers = { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };

/** Bytes of keepalive request bodies in flight; the browser refuses more than 64 KiB in total. */
export interface KeepaliveBudget {
  limit: number;
  inFlight: number;
}

export interface OutboxFlusherOptions {
  store: OutboxStore;
  api: Pick<ApiClient, 'postEvents'>;
  clientId: string;
  scope: string;
  batchDelayMs: number;
  maxBatchSize: number;
  maxBatchBytes: number;
  keepalive: KeepaliveBudget;
  backoff: { baseMs: number; maxMs: number };
  random: () => number;
  timers: Timers;
  isOnline: () => boolean;
  /** The outbox as this flusher sees it, after every change. */
  onFacts(facts: Omit<SyncFacts, 'blocked'>): void;
  /** Events the server has answered for (delivered or refused). */
  onSettled(eventIds: string[]): void;
}

export interface OutboxFlusher {
  /** Re-reads counts from the store and reports them. */
  refresh(): Promise<void>;
  /** Starts sending (this tab holds the flusher lock). */
  activate(): void;
  /** New events were kept (by this tab or another): send now if a batch is full, else soon. */
  noteEnqueued(count: number): void;
  /** Sends everything now; with keepalive, each request fits the browser's keepalive budget. */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  dispose(): void;
}

const MAX_REJECTIONS_SHOWN = 20;

/**
 * Sends the outbox to the server in batches, oldest first, and removes each event only once the
 * server has answered for it: stored or duplicate (delivered), or rejected (moved aside with its
 * reason). Failures keep everything and retry with exponential backoff and jitter.
 */
export function createOutboxFlusher(options: OutboxFlusherOptions): OutboxFlusher {
  const { store, scope, timers } = options;
  const envelopeBytes = measureEnvelopeBytes(options.clientId);
  let facts: Omit<SyncFacts, 'blocked'> = { pending: 0, rejected: 0, rejections: [] };
  let active = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<void> | undefined;
  let rerun: Promise<void> | undefined;
  let rerunKeepalive = false;
  let failedAttempts = 0;
  let keepalive = false;
  // Events kept while a drain ran may have missed its last read; they get a timer of their own.
  let enqueuedWhileDraining = false;
  // Shrinks when the server answers 413; back to full size once the outbox is drained.
  let batchSize = options.maxBatchSize;

  const report = (next: Partial<typeof facts>) => {
    facts = { ...facts, ...next };
    if (!disposed) options.onFacts(facts);
  };

  async function refresh() {
    const [pending, rejections] = await Promise.all([store.countPending(scope), store.readRejections(scope, MAX_REJECTIONS_SHOWN)]);
    report({ pending, rejected: rejections.count, rejections: rejections.latest });
  }

  /**
   * After a batch, without a read per batch while a backlog drains: the pending count goes down
   * by what was settled (other tabs' new events arrive through noteEnqueued); the rejected store
   * is read again only when it grew. `drain` counts for real once it stops.
   */
  async function reportSettled(outcome: { settled: number; rejected: BatchSettlement['rejected'] }) {
    if (outcome.rejected.length > 0) return refresh();
    report({ pending: Math.max(0, facts.pending - outcome.settled) });
  }

  const clearTimer = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };

  const schedule = (delayMs: number) => {
    if (disposed || !active || timer !== undefined) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
  };

  const fail = (failure: { state: 'offline' | 'error'; message: string }) => {
    failedAttempts += 1;
    report({ failure });
    schedule(computeBackoff(failedAttempts, options.backoff, options.random));
  };

  async function settle(batch: OutboxRecord[], settlement: Pick<BatchSettlement, 'delivered' | 'rejected'>) {
    await store.settle(batch, settlement);
    options.onSettled([...settlement.delivered, ...settlement.rejected.map(r => r.eventId)]);
  }

  /** One batch; `next` false when the drain must stop (a failure, already reported and scheduled). */
  async function sendBatch(batch: OutboxRecord[]): Promise<{ next: boolean; settled: number; rejected: BatchSettlement['rejected'] }> {
    const bytes = envelopeBytes + batch.reduce((sum, r) => sum + r.bytes + 1, 0);
    const useKeepalive = keepalive;
    if (useKeepalive) options.keepalive.inFlight += bytes;
    let response;
    try {
      response = await options.api.postEvents(options.clientId, batch.map(r => r.event), { keepalive: useKeepalive });
    } catch (error) {
      const failure = classifySendFailure(error, batch.length, options.isOnline());
      if (failure.action === 'split') {
        batchSize = Math.max(1, Math.floor(batch.length / 2));
        return { next: true, settled: 0, rejected: [] };
      }
      if (failure.action === 'reject') {
        const rejected = [{ eventId: batch[0]!.eventId, reason: failure.message }];
        await settle(batch, { delivered: [], rejected });
        return { next: true, settled: 1, rejected };
      }
      fail(failure);
      return { next: false, settled: 0, rejected: [] };
    } finally {
      if (useKeepalive) options.keepalive.inFlight -= bytes;
    }
    const settlement = settleBatchResults(batch.map(r => r.eventId), response.results);
    await settle(batch, settlement);
    const settled = settlement.delivered.length + settlement.rejected.length;
    if (settlement.unanswered.length > 0) {
      fail({ state: 'error', message: `Server did not answer for ${settlement.unanswered.length} change(s); retrying` });
      return { next: false, settled, rejected: settlement.rejected };
    }
    failedAttempts = 0;
    report({ failure: undefined });
    return { next: true, settled, rejected: settlement.rejected };
  }

  async function drain() {
    let records = await store.peekEvents(scope, batchSize);
    while (!disposed && active) {
      const batch = keepalive
        ? planBatch(records, { maxEvents: batchSize, maxBytes: options.keepalive.limit - options.keepalive.inFlight, allowOversize: false }, envelopeBytes)
        : planBatch(records, { maxEvents: batchSize, maxBytes: options.maxBatchBytes, allowOversize: true }, envelopeBytes);
      // Nothing left, or (keepalive) the next event does not fit this page's budget: it waits for the next visit.
      if (batch.length === 0) {
        if (records.length === 0) batchSize = options.maxBatchSize;
        break;
      }
      // Read the next batch while this one is on the wire.
      const nextRead = store.peekEvents(scope, batchSize, batch.at(-1)!.seq);
      nextRead.catch(() => undefined);
      const outcome = await sendBatch(batch);
      await reportSettled(outcome);
      if (!outcome.next) break;
      // Unless the whole batch was settled (e.g. the server asked for smaller batches), start over from the oldest.
      records = outcome.settled === batch.length ? await nextRead : await store.peekEvents(scope, batchSize);
    }
    if (!disposed) report({ pending: await store.countPending(scope) });
  }

  function flush(flushOptions: { keepalive?: boolean } = {}): Promise<void> {
    keepalive ||= flushOptions.keepalive ?? false;
    if (!active || disposed) return refresh().catch(() => undefined);
    if (draining) {
      // The running drain may have read the outbox before the caller's events were kept: one more pass.
      rerunKeepalive ||= flushOptions.keepalive ?? false;
      rerun ??= draining.then(() => {
        const again = { keepalive: rerunKeepalive };
        rerun = undefined;
        rerunKeepalive = false;
        return flush(again);
      });
      return rerun;
    }
    clearTimer();
    enqueuedWhileDraining = false;
    draining = drain()
      .catch((error: Error) => fail({ state: 'error', message: `Browser storage failed while sending: ${error.message}` }))
      .finally(() => {
        draining = undefined;
        keepalive = false;
        if (enqueuedWhileDraining && failedAttempts === 0) schedule(options.batchDelayMs);
      });
    return draining;
  }

  return {
    refresh,
    activate() {
      active = true;
      void flush();
    },
    noteEnqueued(count) {
      report({ pending: facts.pending + count });
      // While backing off, the scheduled retry takes these too; while draining, the loop does.
      if (draining) enqueuedWhileDraining = true;
      if (!active || failedAttempts > 0 || draining) return;
      if (facts.pending >= options.maxBatchSize) void flush();
      else schedule(options.batchDelayMs);
    },
    flush,
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
