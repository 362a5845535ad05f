import type { ClientEvent } from '../contract/events.js';
import type { SyncStatus } from './syncStatus.js';

/** How plugins hand events to the server. */
export interface EventSender {
  /**
   * Keeps an event for the server. Resolves once the event is durable (committed to the browser's
   * outbox), so the UI may show the change as saved; rejects with `OutboxBlockedError` when the
   * browser cannot keep it, and then the UI must not accept the change.
   */
  send(event: ClientEvent): Promise<void>;
  /** Sends everything kept now (also used on page hide with keepalive). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** False while new changes cannot be kept (status `blocked`, with the reason in its message). */
  canAccept(): boolean;
  getStatus(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  dispose(): void;
}

/** A change could not be kept in the browser; `message` says why in words a user can act on. */
export class OutboxBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxBlockedError';
  }
}
