import type { ClientEvent } from '../contract/events.js';
import { deleteRun, groupDeletionRuns } from './deleteRecordRuns.js';
import { OutboxStorageError, runTransaction, toOutboxStorageError } from './idbRequests.js';
import { measureUtf8Bytes } from './measureUtf8Bytes.js';
import type { SyncRejection } from './syncStatus.js';

export const OUTBOX_DATABASE = 'readingroom-outbox';
const VERSION = 2;
const PENDING = 'pending';
const REJECTED = 'rejected';
const META = 'meta';

/** An event kept in the browser until the server has answered for it. */
export interface OutboxRecord {
  /** Insertion order across tabs (IndexedDB key generator). */
  seq: number;
  /** Whose event it is (the signed-in user): only their session sends it. */
  scope: string;
  eventId: string;
  event: ClientEvent;
  /** UTF-8 size of the event's JSON, for request size limits. */
  bytes: number;
}

/** An event the server refused, kept for diagnosis; never resent, never silently dropped. */
export interface RejectedRecord {
  eventId: string;
  scope: string;
  event: ClientEvent;
  reason: string;
  rejectedAt: string;
}

export interface OutboxStore {
  /** This browser profile's client id, created once and kept (the server's idempotency key is per client). */
  readClientId(createId: () => string): Promise<string>;
  /** Commits events in one transaction; resolves once durable. An event already kept is not added twice. */
  addEvents(scope: string, events: readonly ClientEvent[]): Promise<OutboxRecord[]>;
  /** The oldest kept events of a scope; with `afterSeq`, the oldest after that one. */
  peekEvents(scope: string, limit: number, afterSeq?: number): Promise<OutboxRecord[]>;
  countPending(scope: string): Promise<number>;
  /** Removes delivered events and moves refused ones to the rejected store, in one transaction. */
  settle(batch: readonly OutboxRecord[], outcome: { delivered: readonly string[]; rejected: readonly SyncRejection[] }): Promise<void>;
  readRejections(scope: string, latest: number): Promise<{ count: number; latest: SyncRejection[] }>;
  /** A tiny write, to learn whether storage accepts writes again after a quota failure. */
  probeWritable(): Promise<void>;
  close(): void;
}

export interface OpenOutboxStoreOptions {
  indexedDB?: IDBFactory;
  /** The IDBKeyRange of that IndexedDB (the page's by default). */
  keyRange?: typeof IDBKeyRange;
  name?: string;
  openTimeoutMs?: number;
}

/** Opens (creating or upgrading) the outbox database; fails with an `OutboxStorageError`. */
export async function openOutboxStore(options: OpenOutboxStoreOptions = {}): Promise<OutboxStore> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new OutboxStorageError('unavailable', 'IndexedDB missing');
  const db = await openDatabase(factory, options.name ?? OUTBOX_DATABASE, options.openTimeoutMs ?? 10_000);
  return createOutboxStore(db, options.keyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange);
}

function openDatabase(factory: IDBFactory, name: string, timeoutMs: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Some private modes never answer open(); treat silence as "unavailable" rather than hang.
    const timer = setTimeout(() => reject(new OutboxStorageError('unavailable', 'open timed out')), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, VERSION);
    } catch (error) {
      clearTimeout(timer);
      reject(toOutboxStorageError(error));
      return;
    }
    request.onupgradeneeded = event => {
      const db = request.result;
      if (event.oldVersion < 1) {
        const pending = db.createObjectStore(PENDING, { keyPath: 'seq', autoIncrement: true });
        pending.createIndex('scope', 'scope');
        pending.createIndex('eventId', 'eventId', { unique: true });
        db.createObjectStore(REJECTED, { keyPath: 'eventId' }).createIndex('scope', 'scope');
        db.createObjectStore(META, { keyPath: 'key' });
      }
      // Version 2: read a scope's events after a given one (the next batch while one is on the wire).
      if (event.oldVersion < 2) request.transaction!.objectStore(PENDING).createIndex('scopeSeq', ['scope', 'seq']);
    };
    request.onsuccess = () => {
      clearTimeout(timer);
      const db = request.result;
      // A newer version in another tab wants to upgrade: step aside instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => {
      clearTimeout(timer);
      // A full disk can already stop the database being created; anything else means no storage here.
      const name = request.error?.name;
      reject(name === 'QuotaExceededError' ? new OutboxStorageError('quota') : new OutboxStorageError('unavailable', name));
    };
  });
}

function createOutboxStore(db: IDBDatabase, KeyRange: typeof IDBKeyRange | undefined): OutboxStore {
  return {
    readClientId: createId =>
      runTransaction(db, [META], 'readwrite', tx => {
        const meta = tx.objectStore(META);
        let clientId = '';
        meta.get('clientId').onsuccess = event => {
          const existing = (event.target as IDBRequest<{ value: string } | undefined>).result;
          clientId = existing?.value ?? createId();
          if (!existing) meta.put({ key: 'clientId', value: clientId });
        };
        return () => clientId;
      }),

    addEvents: (scope, events) =>
      runTransaction(db, [PENDING], 'readwrite', tx => {
        const store = tx.objectStore(PENDING);
        const added: OutboxRecord[] = [];
        for (const event of events) {
          const record = { scope, eventId: event.eventId, event, bytes: measureUtf8Bytes(JSON.stringify(event)) };
          const request = store.add(record);
          request.onsuccess = () => added.push({ ...record, seq: request.result as number });
          request.onerror = domEvent => {
            // The same event sent twice (a retried send): it is kept already, which is what was asked.
            if (request.error?.name === 'ConstraintError') {
              domEvent.preventDefault();
              domEvent.stopPropagation();
            }
          };
        }
        return () => added;
      }),

    peekEvents: (scope, limit, afterSeq) =>
      runTransaction(db, [PENDING], 'readonly', tx => {
        const store = tx.objectStore(PENDING);
        // Starting after the last sent key also skips the deleted entries at the head of the
        // queue, which an index scan from the start would walk through again and again.
        const request =
          afterSeq !== undefined && KeyRange
            ? store.index('scopeSeq').getAll(KeyRange.bound([scope, afterSeq], [scope, Infinity], true, true), limit)
            : store.index('scope').getAll(scope, limit);
        return () => request.result as OutboxRecord[];
      }),

    countPending: scope =>
      runTransaction(db, [PENDING], 'readonly', tx => {
        const request = tx.objectStore(PENDING).index('scope').count(scope);
        return () => request.result;
      }),

    // Relaxed durability: should a crash lose this removal, the events are sent again and answered
    // "duplicate" (or refused again with the same reason). No event can be lost by it.
    settle: (batch, outcome) =>
      runTransaction(db, [PENDING, REJECTED], 'readwrite', tx => {
        const delivered = new Set(outcome.delivered);
        const reasons = new Map(outcome.rejected.map(r => [r.eventId, r.reason]));
        const rejectedAt = new Date().toISOString();
        for (const record of batch) {
          const reason = reasons.get(record.eventId);
          if (reason === undefined) continue;
          const rejected: RejectedRecord = { eventId: record.eventId, scope: record.scope, event: record.event, reason, rejectedAt };
          tx.objectStore(REJECTED).put(rejected);
        }
        const answered = (record: OutboxRecord) => reasons.has(record.eventId) || delivered.has(record.eventId);
        for (const run of groupDeletionRuns([...batch].sort((a, b) => a.seq - b.seq), answered)) {
          deleteRun(tx.objectStore(PENDING), run.map(r => r.seq), KeyRange);
        }
        return () => undefined;
      }, 'relaxed'),

    readRejections: (scope, latest) =>
      runTransaction(db, [REJECTED], 'readonly', tx => {
        const index = tx.objectStore(REJECTED).index('scope');
        const count = index.count(scope);
        const found: SyncRejection[] = [];
        // Event ids are UUIDv7, so key order is time order: walk backwards for the latest.
        const cursor = index.openCursor(scope, 'prev');
        cursor.onsuccess = () => {
          const current = cursor.result;
          if (!current || found.length >= latest) return;
          const { eventId, reason } = current.value as RejectedRecord;
          found.push({ eventId, reason });
          current.continue();
        };
        return () => ({ count: count.result, latest: found });
      }),

    probeWritable: () =>
      runTransaction(db, [META], 'readwrite', tx => {
        tx.objectStore(META).put({ key: 'probe', value: new Date().toISOString() });
        return () => undefined;
      }),

    close: () => db.close(),
  };
}
