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

  /** One batch; false when the drain must stop (a failure, already reported and scheduled). */
  async function sendBatch(batch: OutboxRecord[]): Promise<boolean> {
    const bytes = envelopeBytes + batch.reduce((sum, r) => sum + r.bytes + 1, 0);
    const useKeepalive = keepalive;
    if (useKeepalive) options.keepalive.inFlight += bytes;
    let response;
    try {
      response = await options.api.postEvents(options.clientId, batch.map(r => r.event), { keepalive: useKeepalive });
    } catch (error) {
      const failure = classifySendFailure(error, batch.length, options.isOnline());
      if (failure.action === 'split') batchSize = Math.max(1, Math.floor(batch.length / 2));
      else if (failure.action === 'reject') await settle(batch, { delivered: [], rejected: [{ eventId: batch[0]!.eventId, reason: failure.message }] });
      else {
        fail(failure);
        return false;
      }
      return true;
    } finally {
      if (useKeepalive) options.keepalive.inFlight -= bytes;
    }
    const settlement = settleBatchResults(batch.map(r => r.eventId), response.results);
    await settle(batch, settlement);
    if (settlement.unanswered.length > 0) {
      fail({ state: 'error', message: `Server did not answer for ${settlement.unanswered.length} change(s); retrying` });
      return false;
    }
    failedAttempts = 0;
    report({ failure: undefined });
    return true;
  }

  async function drain() {
    while (!disposed && active) {
      const records = await store.peekEvents(scope, batchSize);
      const batch = keepalive
        ? planBatch(records, { maxEvents: batchSize, maxBytes: options.keepalive.limit - options.keepalive.inFlight, allowOversize: false }, envelopeBytes)
        : planBatch(records, { maxEvents: batchSize, maxBytes: options.maxBatchBytes, allowOversize: true }, envelopeBytes);
      // Nothing left, or (keepalive) the next event does not fit this page's budget: it waits for the next visit.
      if (batch.length === 0) {
        if (records.length === 0) batchSize = options.maxBatchSize;
        return;
      }
      const next = await sendBatch(batch);
      await refresh();
      if (!next) return;
    }
  }

  function flush(flushOptions: { keepalive?: boolean } = {}): Promise<void> {
    keepalive ||= flushOptions.keepalive ?? false;
    if (!active || disposed) return refresh().catch(() => undefined);
    if (draining) return draining;
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
