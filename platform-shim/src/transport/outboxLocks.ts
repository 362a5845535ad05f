/**
 * The one-flusher-across-tabs lock, as the Web Locks API shapes it: `request` runs `whileHeld`
 * once this tab holds the lock and keeps it until the promise `whileHeld` returns settles.
 */
export interface OutboxLocks {
  request(name: string, whileHeld: () => Promise<void>): Promise<void>;
}

/**
 * The browser's Web Locks when it has them; otherwise a lock local to this page, so this tab
 * flushes on its own (several such tabs may then send the same events: the server's idempotency
 * key makes that harmless).
 */
export function resolveOutboxLocks(nav: { locks?: Pick<LockManager, 'request'> } | undefined = globalThis.navigator): OutboxLocks {
  const locks = nav?.locks;
  if (!locks) return createPageLocks();
  return { request: (name, whileHeld) => locks.request(name, { mode: 'exclusive' }, () => whileHeld()).then(() => undefined) };
}

/** Exclusive locks among the outboxes of one page, granted in request order. */
export function createPageLocks(): OutboxLocks {
  const tails = new Map<string, Promise<void>>();
  return {
    request(name, whileHeld) {
      const previous = tails.get(name) ?? Promise.resolve();
      const held = previous.then(() => whileHeld()).catch(() => undefined);
      tails.set(name, held);
      return held;
    },
  };
}
