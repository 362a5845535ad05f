import type { SyncFacts } from './syncStatus.js';

/** What the tabs of one user tell each other about their shared outbox. */
export type OutboxMessage =
  /** A tab kept new events; the flusher should schedule a send. */
  | { type: 'enqueued'; count: number }
  /** A tab (re)joined and wants the flusher's status. */
  | { type: 'hello' }
  /** A tab asks the flusher to send now (page hidden, mode left). */
  | { type: 'flush'; keepalive: boolean }
  /** The flusher's view of the outbox, after every change. */
  | { type: 'status'; facts: Omit<SyncFacts, 'blocked'> }
  /** Events the flusher saw acknowledged (other tabs forget their page-exit copies). */
  | { type: 'settled'; eventIds: string[] }
  /** A write succeeded or failed in some tab: storage is profile-wide, so all tabs block or unblock. */
  | { type: 'writable'; blocked?: string };

export interface OutboxChannel {
  post(message: OutboxMessage): void;
  subscribe(listener: (message: OutboxMessage) => void): () => void;
  close(): void;
}

type ChannelConstructor = new (name: string) => Pick<BroadcastChannel, 'postMessage' | 'close' | 'addEventListener' | 'removeEventListener'>;

/** A BroadcastChannel between the tabs of this origin; a silent one where the browser has none. */
export function openOutboxChannel(
  name: string,
  Channel: ChannelConstructor | undefined = (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel,
): OutboxChannel {
  if (!Channel) return { post: () => undefined, subscribe: () => () => undefined, close: () => undefined };
  const channel = new Channel(name);
  let closed = false;
  return {
    // A closed channel throws on postMessage; a tab that is closing has nobody left to tell.
    post: message => {
      if (!closed) channel.postMessage(message);
    },
    subscribe(listener) {
      const onMessage = (event: Event) => listener((event as MessageEvent<OutboxMessage>).data);
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
    close: () => {
      closed = true;
      channel.close();
    },
  };
}
