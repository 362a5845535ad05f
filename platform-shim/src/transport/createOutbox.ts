import type { ApiClient } from '../api/createApiClient.js';
import type { ClientEvent } from '../contract/events.js';
import { createUuidV7 } from '../ids/createUuidV7.js';
import { computeBackoff } from './computeBackoff.js';
import { createExitCopies } from './createExitCopies.js';
import { createOutboxFlusher, type KeepaliveBudget, type OutboxFlusher, type Timers } from './createOutboxFlusher.js';
import { OutboxBlockedError, type EventSender } from './EventSender.js';
import { createWriteQueue } from './createWriteQueue.js';
import { toOutboxStorageError } from './idbRequests.js';
import { openOutboxChannel, type OutboxChannel, type OutboxMessage } from './outboxChannel.js';
import { resolveOutboxLocks, type OutboxLocks } from './outboxLocks.js';
import { openOutboxStore, type OutboxRecord, type OutboxStore } from './openOutboxStore.js';
import { sendExitCopies } from './sendExitCopies.js';
import { deriveSyncStatus, INITIAL_SYNC_STATUS, type SyncFacts, type SyncStatus } from './syncStatus.js';
import { watchPageLifecycle, type PageLifecycleTarget } from './watchPageLifecycle.js';

export interface OutboxOptions {
  api: Pick<ApiClient, 'postEvents'>;
  /** Whose events these are (the signed-in user's id): each user's outbox is sent only in their session. */
  scope: string | Promise<string>;
  indexedDB?: IDBFactory;
  keyRange?: typeof IDBKeyRange;
  databaseName?: string;
  /** Opens the store; defaults to IndexedDB (`indexedDB`, `databaseName`). */
  openStore?: () => Promise<OutboxStore>;
  locks?: OutboxLocks;
  openChannel?: (name: string) => OutboxChannel;
  storage?: { persist?(): Promise<boolean> };
  /** Where visibilitychange/pagehide/online come from; null for none (tests, workers). */
  page?: PageLifecycleTarget | null;
  /** Send this long after the first new event… */
  batchDelayMs?: number;
  /** …or at once when this many wait. */
  maxBatchSize?: number;
  /** Request body limit of an ordinary batch (the server's body limit is 1 MiB). */
  maxBatchBytes?: number;
  /** Keepalive request bodies in flight, in total (browsers allow 64 KiB). */
  keepaliveBytes?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  timers?: Timers;
  createId?: () => string;
  isOnline?: () => boolean;
}

/** The durable outbox: an `EventSender` that keeps every event in IndexedDB until the server answers. */
export interface Outbox extends EventSender {
  /** Settles once the outbox is open, or known to be unusable (then the status is blocked). */
  readonly ready: Promise<void>;
  /** Whether this tab holds the flusher lock and sends for every tab of the user. */
  isFlusher(): boolean;
  /** The client id the server sees: stable per browser profile. */
  getClientId(): string | undefined;
  /** Whether the browser granted persistent storage (undefined until it answered). */
  isPersisted(): boolean | undefined;
}

interface Opened {
  store: OutboxStore;
  clientId: string;
  channel: OutboxChannel;
  flusher: OutboxFlusher;
}

/**
 * Commits each event to the IndexedDB outbox before `send()` resolves, then sends them in
 * batches from one tab per user (Web Locks), telling every tab the status (BroadcastChannel).
 * When the browser cannot keep events, `send()` rejects and the status is `blocked`: the UI must
 * refuse new labels rather than pretend to save them.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 30_000 };
  const random = options.random ?? Math.random;
  const keepalive: KeepaliveBudget = { limit: options.keepaliveBytes ?? 63 * 1024, inFlight: 0 };
  const exitCopies = createExitCopies(keepalive.limit);
  // Handled from the start: a failed sign-in must not surface as an unhandled rejection.
  const scopeReady = Promise.resolve(options.scope);
  scopeReady.catch(() => undefined);
  const listeners = new Set<(status: SyncStatus) => void>();
  let facts: SyncFacts = { pending: 0, rejected: 0, rejections: [] };
  let status = INITIAL_SYNC_STATUS;
  let role: 'follower' | 'flusher' = 'follower';
  let opened: Opened | undefined;
  let scope: string | undefined;
  let disposed = false;
  let persisted: boolean | undefined;
  let releaseLock = () => undefined as void;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let probeAttempts = 0;
  let stopWatchingPage = () => undefined as void;

  const setFacts = (next: Partial<SyncFacts>) => {
    facts = { ...facts, ...next };
    status = deriveSyncStatus(facts);
    listeners.forEach(listener => listener(status));
  };
  const shareable = (): Omit<SyncFacts, 'blocked'> => ({ pending: facts.pending, rejected: facts.rejected, rejections: facts.rejections, failure: facts.failure });

  /** Storage is shared by all tabs of the profile: one tab's failure or success is every tab's. */
  function applyWritable(blocked: string | undefined, announce: boolean) {
    const changed = facts.blocked !== blocked;
    if (changed) setFacts({ blocked });
    if (announce && changed) opened?.channel.post({ type: 'writable', blocked });
    if (blocked === undefined) stopProbing();
    else if (role === 'flusher') scheduleProbe();
  }

  function scheduleProbe() {
    if (probeTimer !== undefined || disposed || !opened) return;
    probeAttempts += 1;
    probeTimer = timers.setTimeout(() => {
      probeTimer = undefined;
      opened?.store.probeWritable().then(
        () => applyWritable(undefined, true),
        () => scheduleProbe(),
      );
    }, computeBackoff(probeAttempts, backoff, random));
  }

  function stopProbing() {
    if (probeTimer !== undefined) timers.clearTimeout(probeTimer);
    probeTimer = undefined;
    probeAttempts = 0;
  }

  const writeQueue = createWriteQueue<ClientEvent, OutboxRecord[]>(async events => {
    if (!opened || !scope) throw new OutboxBlockedError(facts.blocked ?? 'browser storage unavailable');
    let added: OutboxRecord[];
    try {
      added = await opened.store.addEvents(scope, events);
    } catch (error) {
      const reason = toOutboxStorageError(error).message;
      applyWritable(reason, true);
      throw new OutboxBlockedError(reason);
    }
    onKept(added);
    return added;
  });

  function onKept(added: OutboxRecord[]) {
    applyWritable(undefined, true);
    exitCopies.add(added);
    if (added.length === 0 || !opened) return;
    if (role === 'flusher') opened.flusher.noteEnqueued(added.length);
    else {
      opened.channel.post({ type: 'enqueued', count: added.length });
      void opened.flusher.refresh().catch(() => undefined);
    }
  }

  function onMessage(message: OutboxMessage) {
    if (!opened) return;
    const { channel, flusher } = opened;
    if (message.type === 'settled') exitCopies.forget(message.eventIds);
    else if (message.type === 'writable') applyWritable(message.blocked, false);
    else if (role === 'follower' && message.type === 'status') {
      const { pending, rejected, rejections, failure } = message.facts;
      setFacts({ pending, rejected, rejections, failure });
    } else if (role === 'flusher') {
      if (message.type === 'enqueued') flusher.noteEnqueued(message.count);
      else if (message.type === 'hello') channel.post({ type: 'status', facts: shareable() });
      else if (message.type === 'flush') void flusher.flush({ keepalive: message.keepalive });
    }
  }

  async function open() {
    const store = await (options.openStore ?? (() => openOutboxStore({ indexedDB: options.indexedDB, keyRange: options.keyRange, name: options.databaseName })))();
    let clientId: string;
    try {
      scope = await scopeReady.catch((error: Error) => {
        throw new OutboxBlockedError(`not signed in (${error.message})`);
      });
      clientId = await store.readClientId(options.createId ?? (() => createUuidV7()));
    } catch (error) {
      store.close();
      throw error;
    }
    if (disposed) return store.close();
    const channel = (options.openChannel ?? openOutboxChannel)(`readingroom-outbox:${scope}`);
    const flusher = createOutboxFlusher({
      store,
      api: options.api,
      clientId,
      scope,
      batchDelayMs: options.batchDelayMs ?? 2000,
      maxBatchSize: options.maxBatchSize ?? 50,
      maxBatchBytes: options.maxBatchBytes ?? 512 * 1024,
      keepalive,
      backoff,
      random,
      timers,
      isOnline: options.isOnline ?? (() => globalThis.navigator?.onLine !== false),
      onFacts: next => {
        if (role === 'flusher') {
          setFacts(next);
          channel.post({ type: 'status', facts: shareable() });
        } else setFacts({ pending: next.pending, rejected: next.rejected, rejections: next.rejections });
      },
      onSettled: eventIds => {
        exitCopies.forget(eventIds);
        if (role === 'flusher') channel.post({ type: 'settled', eventIds });
      },
    });
    opened = { store, clientId, channel, flusher };
    channel.subscribe(onMessage);
    await flusher.refresh();
    requestPersistence();
    holdFlusherLock(scope, flusher);
    if (options.page !== null) {
      const exitCopiesDeps = { api: options.api, store, clientId, copies: exitCopies, keepalive, onSettled: () => void flusher.refresh() };
      stopWatchingPage = watchPageLifecycle(
        { hidden: () => void flush({ keepalive: true }), exiting: () => sendExitCopies(exitCopiesDeps), online: () => void flush() },
        options.page,
      );
    }
    if (role === 'follower') channel.post({ type: 'hello' });
  }

  function holdFlusherLock(userScope: string, flusher: OutboxFlusher) {
    const held = new Promise<void>(resolve => (releaseLock = resolve));
    const locks = options.locks ?? resolveOutboxLocks();
    const lockName = `readingroom-outbox:${globalThis.location?.origin ?? ''}:${userScope}`;
    void locks
      .request(lockName, async () => {
        if (disposed) return;
        role = 'flusher';
        flusher.activate();
        if (facts.blocked !== undefined) scheduleProbe();
        await held;
      })
      .catch(() => undefined);
  }

  function requestPersistence() {
    const storage = options.storage ?? globalThis.navigator?.storage;
    // Without persistence the browser may evict the outbox under storage pressure; ask once.
    storage?.persist?.().then(
      granted => (persisted = granted),
      () => (persisted = false),
    );
  }

  async function flush(flushOptions: { keepalive?: boolean } = {}) {
    if (!opened) return;
    if (role === 'flusher') return opened.flusher.flush(flushOptions);
    opened.channel.post({ type: 'flush', keepalive: flushOptions.keepalive ?? false });
  }

  let markReady = () => undefined as void;
  const ready = new Promise<void>(resolve => (markReady = resolve));
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;

  /** A full disk may free up: a quota failure while opening is retried with backoff; the others are final. */
  async function openUntilUsable() {
    for (let attempt = 1; !disposed; attempt++) {
      try {
        await open();
        if (attempt > 1) setFacts({ blocked: undefined });
        return markReady();
      } catch (error) {
        const problem = error instanceof OutboxBlockedError ? undefined : toOutboxStorageError(error);
        setFacts({ blocked: problem?.message ?? (error as Error).message });
        markReady();
        if (problem?.problem !== 'quota') return;
        await new Promise(resolve => (reopenTimer = timers.setTimeout(resolve, computeBackoff(attempt, backoff, random))));
      }
    }
  }
  void openUntilUsable();

  return {
    ready,
    async send(event) {
      if (disposed) throw new OutboxBlockedError('ReadingRoom is closing; the change was not kept');
      await ready;
      await writeQueue.push(event);
    },
    flush,
    canAccept: () => !disposed && opened !== undefined && facts.blocked === undefined,
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isFlusher: () => role === 'flusher',
    getClientId: () => opened?.clientId,
    isPersisted: () => persisted,
    dispose() {
      if (disposed) return;
      disposed = true;
      if (reopenTimer !== undefined) timers.clearTimeout(reopenTimer);
      stopWatchingPage();
      stopProbing();
      releaseLock();
      opened?.flusher.dispose();
      opened?.channel.close();
      opened?.store.close();
      listeners.clear();
    },
  };
}
