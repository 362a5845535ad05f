/** Why the outbox cannot keep changes, for the blocked status. */
export type OutboxStorageProblem = 'quota' | 'unavailable' | 'failed';

const REASONS: Record<OutboxStorageProblem, string> = {
  quota: 'browser storage for ReadingRoom is full. Changes made so far are kept and will be sent; free disk space, then continue',
  unavailable:
    'this browser does not let ReadingRoom keep unsent changes (private window, or site data blocked). Open ReadingRoom in a normal window or allow site data',
  failed: 'browser storage failed to keep the change',
};

/** A failure of browser storage, with a reason a user can act on. */
export class OutboxStorageError extends Error {
  constructor(
    readonly problem: OutboxStorageProblem,
    readonly detail?: string,
  ) {
    super(detail && problem === 'failed' ? `${REASONS[problem]} (${detail})` : REASONS[problem]);
    this.name = 'OutboxStorageError';
  }
}

/** Maps a DOMException from IndexedDB onto what it means for the user. */
export function toOutboxStorageError(error: unknown): OutboxStorageError {
  if (error instanceof OutboxStorageError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return new OutboxStorageError('quota');
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') return new OutboxStorageError('unavailable', String(name));
  return new OutboxStorageError('failed', typeof name === 'string' ? name : 'unknown error');
}

/**
 * Runs `body` in one transaction and resolves with its result once the transaction has committed
 * (with 'strict' durability, the point where the data is on disk), rejecting with the transaction's error otherwise: quota
 * failures surface as an abort of the whole transaction, not as a request error.
 */
export function runTransaction<T>(
  db: IDBDatabase,
  storeNames: string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => () => T,
  durability: IDBTransactionDurability = 'strict',
): Promise<T> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(storeNames, mode, mode === 'readwrite' ? { durability } : undefined);
    } catch (error) {
      reject(toOutboxStorageError(error));
      return;
    }
    let read: () => T;
    tx.oncomplete = () => resolve(read());
    tx.onabort = () => reject(toOutboxStorageError(tx.error ?? new DOMException('transaction aborted', 'AbortError')));
    tx.onerror = () => undefined; // the abort that follows reports it
    try {
      read = body(tx);
    } catch (error) {
      tx.abort();
      reject(toOutboxStorageError(error));
    }
  });
}
