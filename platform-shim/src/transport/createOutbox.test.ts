import { setImmediate as realSetImmediate } from 'node:timers';
import type { ClientEvent } from '../contract/events';
import type { IngestBatchResponse } from '../contract/ingest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ApiError } from '../api/createApiClient';
import { createOutbox, type OutboxOptions } from './createOutbox';
import { OutboxBlockedError } from './EventSender';
import { createPageLocks } from './outboxLocks';
import { openOutboxStore } from './openOutboxStore';

const eventNumber = (n: number): ClientEvent => ({
  eventId: `0192f0c8-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'audit',
  occurredAt: '2026-11-28T05:00:00.000Z',
  payload: { action: 'study.opened', StudyInstanceUID: `1.2.${n}` },
});

/**
 * Answers like the server's ingest: stored once per (client, event), duplicate after that.
 * `fail` makes the next calls throw (a network failure or an ApiError) until cleared.
 */
function createIngestStandIn() {
  const stored = new Map<string, ClientEvent>();
  const calls: Array<{ clientId: string; eventIds: string[]; keepalive: boolean }> = [];
  const state = { fail: undefined as Error | undefined, reject: new Map<string, string>() };
  const postEvents = jest.fn(async (clientId: string, events: ClientEvent[], options?: { keepalive?: boolean }): Promise<IngestBatchResponse> => {
    calls.push({ clientId, eventIds: events.map(e => e.eventId), keepalive: options?.keepalive ?? false });
    if (state.fail) throw state.fail;
    return {
      results: events.map((event, index) => {
        const reason = state.reject.get(event.eventId);
        if (reason) return { eventId: event.eventId, index, status: 'rejected' as const, reason };
        const key = `${clientId}/${event.eventId}`;
        const status = stored.has(key) ? ('duplicate' as const) : ('stored' as const);
        stored.set(key, event);
        return { eventId: event.eventId, index, status };
      }),
    };
  });
  return { postEvents, stored, calls, state };
}

/** Lets IndexedDB (fake-indexeddb runs on real setImmediate) and promises progress until `check` holds. */
async function waitUntil(check: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise(resolve => realSetImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// fake-indexeddb runs on the real setImmediate; only the outbox's own timers are faked.
beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask', 'nextTick'] }));
afterEach(() => jest.useRealTimers());

let scopeCounter = 0;
/** One browser profile: its IndexedDB and its Web Locks; each outbox made from it is a tab. */
function createProfile() {
  const indexedDB = new IDBFactory();
  const locks = createPageLocks();
  const api = createIngestStandIn();
  const scope = `user-${++scopeCounter}`;
  const tabs: Array<ReturnType<typeof createOutbox>> = [];
  const openTab = (overrides: Partial<OutboxOptions> = {}) => {
    const outbox = createOutbox({ api, scope, indexedDB, keyRange: IDBKeyRange, locks, page: null, random: () => 1, ...overrides });
    tabs.push(outbox);
    return outbox;
  };
  return { indexedDB, api, scope, openTab, closeAll: () => tabs.forEach(t => t.dispose()) };
}

async function openFlusher(profile: ReturnType<typeof createProfile>, overrides: Partial<OutboxOptions> = {}) {
  const outbox = profile.openTab(overrides);
  await outbox.ready;
  await waitUntil(() => outbox.isFlusher(), 'the flusher lock');
  // The flusher's first drain (started on taking the lock) reads IndexedDB on real setImmediate:
  // an event sent meanwhile gets its batch timer only when that drain ends, which could then fall
  // after a test's fake-timer advance. Tests start once it is over.
  await outbox.flush();
  return outbox;
}

const pendingIn = async (profile: ReturnType<typeof createProfile>) => {
  const store = await openOutboxStore({ indexedDB: profile.indexedDB, keyRange: IDBKeyRange });
  const count = await store.countPending(profile.scope);
  store.close();
  return count;
};

describe('createOutbox', () => {
  let profile: ReturnType<typeof createProfile>;
  beforeEach(() => (profile = createProfile()));
  afterEach(() => profile.closeAll());

  it('resolves send() only once the event is committed to IndexedDB', async () => {
    const outbox = await openFlusher(profile);
    await outbox.send(eventNumber(1));
    // Another connection (as after a crash and reload) sees it at once; nothing was sent yet.
    expect(await pendingIn(profile)).toBe(1);
    expect(profile.api.postEvents).not.toHaveBeenCalled();
    expect(outbox.getStatus()).toMatchObject({ state: 'pending', pending: 1 });
  });

  it('sends a batch 2 s after the first event, not before, and then reports everything saved', async () => {
    const outbox = await openFlusher(profile);
    await outbox.send(eventNumber(1));
    await outbox.send(eventNumber(2));
    await jest.advanceTimersByTimeAsync(1999);
    expect(profile.api.postEvents).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    await waitUntil(() => outbox.getStatus().state === 'synced', 'synced');
    expect(profile.api.calls).toEqual([{ clientId: outbox.getClientId(), eventIds: [eventNumber(1).eventId, eventNumber(2).eventId], keepalive: false }]);
    expect(await pendingIn(profile)).toBe(0);
  });

  it('sends at once when 50 events wait, in batches of at most 50', async () => {
    const outbox = await openFlusher(profile);
    await Promise.all(Array.from({ length: 120 }, (_, i) => outbox.send(eventNumber(i))));
    await waitUntil(() => outbox.getStatus().state === 'synced', 'synced');
    expect(profile.api.calls.map(c => c.eventIds.length)).toEqual([50, 50, 20]);
    expect(profile.api.calls.flatMap(c => c.eventIds)).toEqual(Array.from({ length: 120 }, (_, i) => eventNumber(i).eventId));
  });

  it('keeps events while the server is unreachable, says so, and retries with growing delays', async () => {
    const outbox = await openFlusher(profile, { backoff: { baseMs: 100, maxMs: 1000 } });
    profile.api.state.fail = new TypeError('Failed to fetch');
    await outbox.send(eventNumber(1));
    await jest.advanceTimersByTimeAsync(2000);
    await waitUntil(() => outbox.getStatus().state === 'offline', 'offline');
    expect(outbox.getStatus()).toMatchObject({ pending: 1, message: 'Server unreachable' });
    await outbox.send(eventNumber(2));
    await jest.advanceTimersByTimeAsync(100); // first retry after 100 ms (random() = 1)
    await waitUntil(() => profile.api.calls.length === 2, 'second attempt');
    await jest.advanceTimersByTimeAsync(199);
    expect(profile.api.calls).toHaveLength(2);
    profile.api.state.fail = undefined;
    await jest.advanceTimersByTimeAsync(1); // second retry after 200 ms
    await waitUntil(() => outbox.getStatus().state === 'synced', 'synced');
    expect(profile.api.calls.at(-1)!.eventIds).toEqual([eventNumber(1).eventId, eventNumber(2).eventId]);
  });

  it('shows a 400 (a corrupted request) as an error, keeps the events and delivers them on retry', async () => {
    const outbox = await openFlusher(profile);
    profile.api.state.fail = new ApiError(400, 'bad_request', 'body must be valid JSON');
    await outbox.send(eventNumber(1));
    await jest.advanceTimersByTimeAsync(2000);
    await waitUntil(() => outbox.getStatus().state === 'error', 'error');
    expect(outbox.getStatus()).toMatchObject({ pending: 1, message: 'Server refused the changes: body must be valid JSON' });
    expect(await pendingIn(profile)).toBe(1);
    profile.api.state.fail = undefined;
    await jest.advanceTimersByTimeAsync(1000);
    await waitUntil(() => outbox.getStatus().state === 'synced', 'synced');
    expect(profile.api.stored.size).toBe(1);
  });

  it('counts duplicates as delivered (a batch whose answer was lost is resent)', async () => {
    const outbox = await openFlusher(profile);
    const clientId = outbox.getClientId()!;
    await profile.api.postEvents(clientId, [eventNumber(1)]); // the server already has it
    await outbox.send(eventNumber(1));
    await outbox.send(eventNumber(2));
    await outbox.flush();
    expect(outbox.getStatus()).toMatchObject({ state: 'synced', pending: 0, rejected: 0 });
    expect(profile.api.stored.size).toBe(2);
  });

  it('keeps refused events aside with their reasons, visible after a reload, and never resends them', async () => {
    const first = await openFlusher(profile);
    profile.api.state.reject.set(eventNumber(1).eventId, '/payload/StudyInstanceUID: must match pattern');
    await first.send(eventNumber(1));
    await first.send(eventNumber(2));
    await first.flush();
    const refused = { state: 'synced', pending: 0, rejected: 1, rejections: [{ eventId: eventNumber(1).eventId, reason: '/payload/StudyInstanceUID: must match pattern' }] };
    expect(first.getStatus()).toMatchObject(refused);
    first.dispose();
    const reloaded = await openFlusher(profile);
    await waitUntil(() => reloaded.getStatus().rejected === 1, 'rejections read back');
    expect(reloaded.getStatus()).toMatchObject(refused);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(profile.api.calls.flatMap(c => c.eventIds).filter(id => id === eventNumber(1).eventId)).toHaveLength(1);
  });

  it('sends events left by a closed tab after a reload, with the same client id', async () => {
    const first = await openFlusher(profile);
    profile.api.state.fail = new TypeError('Failed to fetch');
    await first.send(eventNumber(1));
    const clientId = first.getClientId();
    first.dispose();
    profile.api.state.fail = undefined;
    const reloaded = await openFlusher(profile);
    expect(reloaded.getClientId()).toBe(clientId);
    await waitUntil(() => profile.api.stored.has(`${clientId}/${eventNumber(1).eventId}`), 'delivery after reload');
    await waitUntil(() => reloaded.getStatus().state === 'synced', 'synced');
  });

  it('sends only the signed-in user’s events', async () => {
    const alice = await openFlusher(profile);
    profile.api.state.fail = new TypeError('Failed to fetch');
    await alice.send(eventNumber(1));
    alice.dispose();
    profile.api.state.fail = undefined;
    const bob = await openFlusher(profile, { scope: `${profile.scope}-bob` });
    await bob.send(eventNumber(2));
    await bob.flush();
    expect(profile.api.calls.flatMap(c => c.eventIds)).toEqual([eventNumber(2).eventId]);
    expect(await pendingIn(profile)).toBe(1); // alice's event waits for alice
  });

  it('halves the batch when the server finds it too large, and sets a single too-large event aside as refused', async () => {
    const outbox = await openFlusher(profile);
    const tooLarge = eventNumber(3).eventId;
    profile.api.postEvents.mockImplementation(async (_clientId, events) => {
      if (events.length > 2 || events.some(e => e.eventId === tooLarge)) throw new ApiError(413, 'too_large', 'Request body is too large');
      return { results: events.map((e, index) => ({ eventId: e.eventId, index, status: 'stored' as const })) };
    });
    for (let i = 1; i <= 4; i++) await outbox.send(eventNumber(i));
    await outbox.flush();
    await waitUntil(() => outbox.getStatus().pending === 0, 'drained');
    expect(outbox.getStatus()).toMatchObject({ rejected: 1, rejections: [{ eventId: tooLarge, reason: expect.stringContaining('too large') }] });
  });

  it('sends keepalive batches that fit the keepalive budget, leaving larger events for later', async () => {
    const outbox = await openFlusher(profile, { keepaliveBytes: 1024 });
    const big: ClientEvent = { ...eventNumber(9), type: 'audit', payload: { action: 'study.opened', StudyInstanceUID: '1.2.9', mode: 'x'.repeat(120) } };
    for (let i = 1; i <= 8; i++) await outbox.send(eventNumber(i));
    await outbox.send(big);
    for (let i = 0; i < 12; i++) await outbox.send({ ...big, eventId: eventNumber(100 + i).eventId });
    const huge: ClientEvent = { ...big, eventId: eventNumber(200).eventId, type: 'audit', payload: { action: 'study.opened', StudyInstanceUID: '1.2.9', mode: 'y'.repeat(1100) } };
    await outbox.send(huge);
    const bodyBytes = (eventIds: string[]) => {
      const all = [eventNumber(1), eventNumber(2), eventNumber(3), eventNumber(4), eventNumber(5), eventNumber(6), eventNumber(7), eventNumber(8), big, huge];
      const events = eventIds.map(id => all.find(e => e.eventId === id) ?? { ...big, eventId: id });
      return JSON.stringify({ clientId: outbox.getClientId(), events }).length;
    };
    await outbox.flush({ keepalive: true });
    expect(profile.api.calls.every(c => c.keepalive)).toBe(true);
    expect(profile.api.calls.length).toBeGreaterThan(1);
    expect(profile.api.calls.map(c => bodyBytes(c.eventIds)).every(bytes => bytes <= 1024)).toBe(true);
    // The event larger than the whole budget waits for an ordinary request.
    expect(outbox.getStatus().pending).toBe(1);
    await outbox.flush();
    expect(profile.api.calls.at(-1)).toMatchObject({ eventIds: [huge.eventId], keepalive: false });
    expect(outbox.getStatus().pending).toBe(0);
  });

  it('on pagehide sends this tab’s unsent events at once (synchronously) with keepalive', async () => {
    const window = new EventTarget();
    const outbox = await openFlusher(profile, { page: { window } });
    profile.api.state.fail = new TypeError('Failed to fetch');
    await outbox.send(eventNumber(1));
    await outbox.send(eventNumber(2));
    profile.api.postEvents.mockClear();
    window.dispatchEvent(new Event('pagehide'));
    expect(profile.api.postEvents).toHaveBeenCalledWith(outbox.getClientId(), [eventNumber(1), eventNumber(2)], { keepalive: true });
  });

  it('flushes with keepalive when the tab is hidden', async () => {
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const outbox = await openFlusher(profile, { page: { document } });
    await outbox.send(eventNumber(1));
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => outbox.getStatus().state === 'synced', 'synced');
    expect(profile.api.calls).toEqual([expect.objectContaining({ keepalive: true })]);
  });

  it('asks the browser to keep its storage persistent', async () => {
    const persist = jest.fn(async () => true);
    const outbox = await openFlusher(profile, { storage: { persist } });
    await waitUntil(() => outbox.isPersisted() === true, 'persist answered');
    expect(persist).toHaveBeenCalledTimes(1);
  });
});

describe('createOutbox when the browser cannot keep events', () => {
  it('without IndexedDB (private mode, storage disabled) refuses every event and says why', async () => {
    const outbox = createOutbox({ api: createIngestStandIn(), scope: 'u', indexedDB: undefined, locks: createPageLocks(), page: null });
    await outbox.ready;
    await expect(outbox.send(eventNumber(1))).rejects.toBeInstanceOf(OutboxBlockedError);
    expect(outbox.canAccept()).toBe(false);
    expect(outbox.getStatus()).toMatchObject({ state: 'blocked', message: expect.stringContaining('does not let ReadingRoom keep unsent changes') });
    outbox.dispose();
  });

  it('when storage is already full at page load: blocked with the reason, and opens once there is room', async () => {
    const indexedDB = new IDBFactory();
    let full = true;
    const openStore = () => (full ? Promise.reject(new DOMException('quota', 'QuotaExceededError')) : openOutboxStore({ indexedDB, keyRange: IDBKeyRange }));
    const outbox = createOutbox({ api: createIngestStandIn(), scope: 'u-full-at-load', openStore, locks: createPageLocks(), page: null, random: () => 1 });
    await outbox.ready;
    expect(outbox.getStatus()).toMatchObject({ state: 'blocked', message: expect.stringContaining('browser storage for ReadingRoom is full') });
    await expect(outbox.send(eventNumber(1))).rejects.toBeInstanceOf(OutboxBlockedError);
    full = false;
    await jest.advanceTimersByTimeAsync(1000); // the first retry (random() = 1)
    await waitUntil(() => outbox.canAccept(), 'opened');
    await outbox.send(eventNumber(2));
    expect(outbox.getStatus()).toMatchObject({ state: 'pending', pending: 1 });
    outbox.dispose();
  });

  it('without a signed-in user refuses events rather than keep them for nobody', async () => {
    const outbox = createOutbox({ api: createIngestStandIn(), scope: Promise.reject(new Error('401 Unauthorized')), indexedDB: new IDBFactory(), locks: createPageLocks(), page: null });
    await outbox.ready;
    await expect(outbox.send(eventNumber(1))).rejects.toThrow('not signed in (401 Unauthorized)');
    expect(outbox.getStatus().state).toBe('blocked');
  });

  it('when storage is full: refuses new events with the reason, keeps and sends the earlier ones, and recovers', async () => {
    const indexedDB = new IDBFactory();
    const api = createIngestStandIn();
    api.state.fail = new TypeError('Failed to fetch');
    let full = false;
    // The real store, with the browser's quota failure injected on writes while `full`.
    const openStore = async () => {
      const store = await openOutboxStore({ indexedDB });
      const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return {
        ...store,
        addEvents: (scope: string, events: Parameters<typeof store.addEvents>[1]) => (full ? quota() : store.addEvents(scope, events)),
        probeWritable: () => (full ? quota() : store.probeWritable()),
      };
    };
    const outbox = createOutbox({ api, scope: 'u-quota', openStore, locks: createPageLocks(), page: null, random: () => 1 });
    await outbox.ready;
    await waitUntil(() => outbox.isFlusher(), 'flusher');
    await outbox.send(eventNumber(1));
    full = true;
    await expect(outbox.send(eventNumber(2))).rejects.toThrow('browser storage for ReadingRoom is full');
    expect(outbox.canAccept()).toBe(false);
    expect(outbox.getStatus()).toMatchObject({ state: 'blocked', pending: 1 });
    full = false;
    api.state.fail = undefined;
    await jest.advanceTimersByTimeAsync(1000); // the storage probe (first backoff step)
    await waitUntil(() => outbox.canAccept(), 'writable again');
    await outbox.send(eventNumber(3));
    await outbox.flush();
    await waitUntil(() => outbox.getStatus().state === 'synced', 'synced');
    expect([...api.stored.values()].map(e => e.eventId).sort()).toEqual([eventNumber(1).eventId, eventNumber(3).eventId]);
    outbox.dispose();
  });
});

describe('createOutbox across tabs', () => {
  let profile: ReturnType<typeof createProfile>;
  beforeEach(() => (profile = createProfile()));
  afterEach(() => profile.closeAll());

  /** A tab whose requests are told apart from the other tabs'. */
  const openNamedTab = (name: string, posts: string[]) =>
    profile.openTab({
      api: {
        postEvents: (...args: Parameters<typeof profile.api.postEvents>) => {
          posts.push(name);
          return profile.api.postEvents(...args);
        },
      },
    });

  it('has one flusher, which also sends the other tabs’ events; every tab shows the status', async () => {
    const posts: string[] = [];
    const a = openNamedTab('a', posts);
    await a.ready;
    await waitUntil(() => a.isFlusher(), 'a flushes');
    const b = openNamedTab('b', posts);
    await b.ready;
    await b.send(eventNumber(1));
    await waitUntil(() => a.getStatus().pending === 1, 'the flusher hears of it');
    expect(b.getStatus()).toMatchObject({ state: 'pending', pending: 1 });
    expect(b.isFlusher()).toBe(false);
    await jest.advanceTimersByTimeAsync(2000);
    await waitUntil(() => b.getStatus().state === 'synced', 'b sees it saved');
    expect(posts).toEqual(['a']);
    expect(profile.api.stored.size).toBe(1);
  });

  it('hands the flusher role to another tab when the flusher closes', async () => {
    const posts: string[] = [];
    const a = openNamedTab('a', posts);
    await a.ready;
    await waitUntil(() => a.isFlusher(), 'a flushes');
    const b = openNamedTab('b', posts);
    await b.ready;
    profile.api.state.fail = new TypeError('Failed to fetch');
    await b.send(eventNumber(1));
    await jest.advanceTimersByTimeAsync(2000);
    await waitUntil(() => b.getStatus().state === 'offline', 'b sees offline');
    a.dispose();
    profile.api.state.fail = undefined;
    await waitUntil(() => b.isFlusher(), 'b takes over');
    await waitUntil(() => b.getStatus().state === 'synced', 'synced');
    expect(posts.at(-1)).toBe('b');
  });

  it('blocks every tab when one finds storage full, and unblocks them all when it recovers', async () => {
    let full = false;
    const openStore = async () => {
      const store = await openOutboxStore({ indexedDB: profile.indexedDB, keyRange: IDBKeyRange });
      const quota = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
      return {
        ...store,
        addEvents: (scope: string, events: Parameters<typeof store.addEvents>[1]) => (full ? quota() : store.addEvents(scope, events)),
        probeWritable: () => (full ? quota() : store.probeWritable()),
      };
    };
    const a = profile.openTab({ openStore });
    await a.ready;
    await waitUntil(() => a.isFlusher(), 'a flushes');
    const b = profile.openTab({ openStore });
    await b.ready;
    full = true;
    await expect(b.send(eventNumber(1))).rejects.toBeInstanceOf(OutboxBlockedError);
    await waitUntil(() => a.getStatus().state === 'blocked', 'a blocked too');
    expect(a.canAccept()).toBe(false);
    full = false;
    await jest.advanceTimersByTimeAsync(1000); // the flusher probes storage
    await waitUntil(() => b.canAccept() && a.canAccept(), 'both unblocked');
  });
});
