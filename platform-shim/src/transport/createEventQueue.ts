import type { ApiClient } from '../api/createApiClient.js';
import { ApiError } from '../api/createApiClient.js';
import type { ClientEvent } from '../contract/events.js';
import { computeBackoff } from './computeBackoff.js';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './syncStatus.js';

export interface EventSender {
  /** Queues an event for the server; resolves once the queue has taken it. */
  send(event: ClientEvent): Promise<void>;
  /** Sends everything queued now (also used on page hide with keepalive). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  getStatus(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  dispose(): void;
}

export interface EventQueueOptions {
  api: Pick<ApiClient, 'postEvents'>;
  clientId: string;
  batchDelayMs?: number;
  maxBatchSize?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

/**
 * Batches events to the server (every `batchDelayMs` or `maxBatchSize` events, whichever first),
 * retries with backoff while the server is unreachable, and reports an honest status.
 * Nothing is dropped: unacknowledged events stay queued, refused ones are listed with reasons.
 */
export function createEventQueue(options: EventQueueOptions): EventSender {
  const batchDelayMs = options.batchDelayMs ?? 2000;
  const maxBatchSize = options.maxBatchSize ?? 50;
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 30_000 };
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };

  const queue: ClientEvent[] = [];
  const listeners = new Set<(status: SyncStatus) => void>();
  let status: SyncStatus = INITIAL_SYNC_STATUS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let failedAttempts = 0;
  let disposed = false;
  // Once the page is going away every remaining batch must use keepalive, including one in flight.
  let keepalive = false;

  const publish = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next, pending: queue.length };
    if (status.state === 'pending' && queue.length === 0) status = { ...status, state: 'synced', message: undefined };
    listeners.forEach(listener => listener(status));
  };

  const schedule = (delayMs: number) => {
    if (disposed || timer !== undefined) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
  };

  async function sendBatch() {
    const batch = queue.slice(0, maxBatchSize);
    try {
      const { results } = await options.api.postEvents(options.clientId, batch, { keepalive });
      const rejections = results
        .filter(r => r.status === 'rejected')
        .map(r => ({ eventId: batch[r.index]?.eventId ?? r.eventId ?? 'unknown', reason: r.reason ?? 'refused' }));
      queue.splice(0, batch.length);
      failedAttempts = 0;
      publish({
        state: queue.length > 0 ? 'pending' : 'synced',
        message: undefined,
        rejected: status.rejected + rejections.length,
        rejections: [...status.rejections, ...rejections].slice(-20),
      });
    } catch (error) {
      failedAttempts += 1;
      const offline = !(error instanceof ApiError);
      publish({
        state: offline ? 'offline' : 'error',
        message: offline ? 'Server unreachable' : `Server refused the changes: ${error.message}`,
      });
      schedule(computeBackoff(failedAttempts, backoff, options.random));
      throw error;
    }
  }

  async function flush(flushOptions: { keepalive?: boolean } = {}): Promise<void> {
    keepalive ||= flushOptions.keepalive ?? false;
    if (inFlight) return inFlight;
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    inFlight = (async () => {
      try {
        while (queue.length > 0) await sendBatch();
      } catch {
        // Status already tells the user; a retry is scheduled.
      } finally {
        inFlight = undefined;
        keepalive = false;
      }
    })();
    return inFlight;
  }

  return {
    async send(event) {
      if (disposed) throw new Error('ReadingRoom event queue is closed');
      queue.push(event);
      publish({ state: status.state === 'synced' ? 'pending' : status.state });
      if (failedAttempts > 0) return; // a retry is already scheduled
      if (queue.length >= maxBatchSize) void flush();
      else schedule(batchDelayMs);
    },
    flush,
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      listeners.clear();
    },
  };
}
