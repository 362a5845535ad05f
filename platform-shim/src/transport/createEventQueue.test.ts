import { ApiError } from '../api/createApiClient';
import type { ClientEvent } from '../contract/events';
import type { IngestBatchResponse } from '../contract/ingest';
import { createEventQueue } from './createEventQueue';
import type { SyncStatus } from './syncStatus';

const event = (n: number): ClientEvent => ({
  eventId: `0192f0c8-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'audit',
  occurredAt: '2026-11-28T05:00:00.000Z',
  payload: { action: 'study.opened', StudyInstanceUID: '1.2.3' },
});

const storedAll = (events: ClientEvent[]): IngestBatchResponse => ({
  results: events.map((e, index) => ({ eventId: e.eventId, index, status: 'stored' as const })),
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('createEventQueue', () => {
  it('sends a batch after the batch delay, not before', async () => {
    const postEvents = jest.fn(async (_c: string, events: ClientEvent[]) => storedAll(events));
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', batchDelayMs: 2000 });
    await queue.send(event(1));
    await queue.send(event(2));
    jest.advanceTimersByTime(1999);
    expect(postEvents).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(postEvents).toHaveBeenCalledTimes(1);
    expect(postEvents.mock.calls[0]![1].map(e => e.eventId)).toEqual([event(1).eventId, event(2).eventId]);
    expect(queue.getStatus()).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('sends at once when a full batch is waiting', async () => {
    const postEvents = jest.fn(async (_c: string, events: ClientEvent[]) => storedAll(events));
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', maxBatchSize: 3 });
    for (let i = 0; i < 3; i++) await queue.send(event(i));
    await jest.advanceTimersByTimeAsync(0);
    expect(postEvents).toHaveBeenCalledTimes(1);
    expect(postEvents.mock.calls[0]![1]).toHaveLength(3);
  });

  it('keeps events while the server is unreachable, says so, and delivers them on retry', async () => {
    let up = false;
    const postEvents = jest.fn(async (_c: string, events: ClientEvent[]) => {
      if (!up) throw new TypeError('Failed to fetch');
      return storedAll(events);
    });
    const statuses: SyncStatus[] = [];
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', batchDelayMs: 10, random: () => 1 });
    queue.subscribe(s => statuses.push(s));
    await queue.send(event(1));
    await jest.advanceTimersByTimeAsync(10);
    expect(queue.getStatus()).toMatchObject({ state: 'offline', pending: 1, message: 'Server unreachable' });
    await queue.send(event(2));
    up = true;
    await jest.advanceTimersByTimeAsync(1000); // first backoff: 1 s with random() = 1
    expect(queue.getStatus()).toMatchObject({ state: 'synced', pending: 0 });
    const delivered = postEvents.mock.calls.at(-1)![1].map(e => e.eventId);
    expect(delivered).toEqual([event(1).eventId, event(2).eventId]);
    expect(statuses.map(s => s.state)).toEqual(['pending', 'offline', 'offline', 'synced']);
  });

  it('reports events the server refused, with the reason, and does not resend them', async () => {
    const postEvents = jest.fn(async (_c: string, events: ClientEvent[]): Promise<IngestBatchResponse> => ({
      results: events.map((e, index) =>
        index === 0 ? { eventId: e.eventId, index, status: 'rejected' as const, reason: '/payload/x: bad' } : { eventId: e.eventId, index, status: 'duplicate' as const },
      ),
    }));
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', batchDelayMs: 5 });
    await queue.send(event(1));
    await queue.send(event(2));
    await jest.advanceTimersByTimeAsync(5);
    expect(queue.getStatus()).toMatchObject({
      state: 'synced',
      pending: 0,
      rejected: 1,
      rejections: [{ eventId: event(1).eventId, reason: '/payload/x: bad' }],
    });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(postEvents).toHaveBeenCalledTimes(1);
  });

  it('shows a server error as an error, keeps the events and retries with growing delays', async () => {
    const postEvents = jest.fn(async (): Promise<IngestBatchResponse> => {
      throw new ApiError(503, 'unavailable', 'maintenance');
    });
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', batchDelayMs: 1, random: () => 1, backoff: { baseMs: 100, maxMs: 1000 } });
    await queue.send(event(1));
    await jest.advanceTimersByTimeAsync(1);
    expect(queue.getStatus()).toMatchObject({ state: 'error', pending: 1, message: 'Server refused the changes: maintenance' });
    await jest.advanceTimersByTimeAsync(100);
    expect(postEvents).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(199);
    expect(postEvents).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(postEvents).toHaveBeenCalledTimes(3);
  });

  it('flush sends everything now, with keepalive when asked', async () => {
    const postEvents = jest.fn(async (_c: string, events: ClientEvent[], _o?: { keepalive?: boolean }) => storedAll(events));
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', maxBatchSize: 2, batchDelayMs: 60_000 });
    await queue.send(event(0));
    await queue.flush({ keepalive: true });
    expect(postEvents.mock.calls.map(c => c[2])).toEqual([{ keepalive: true }]);
  });

  it('switches a flush already in flight to keepalive for the batches still to go', async () => {
    const releases: Array<() => void> = [];
    const postEvents = jest.fn(
      (_c: string, events: ClientEvent[], _o?: { keepalive?: boolean }) =>
        new Promise<IngestBatchResponse>(resolve => releases.push(() => resolve(storedAll(events)))),
    );
    const queue = createEventQueue({ api: { postEvents }, clientId: 'c', maxBatchSize: 2 });
    for (let i = 0; i < 5; i++) await queue.send(event(i));
    const pageHide = queue.flush({ keepalive: true });
    while (postEvents.mock.calls.length < 3 || releases.length > 0) {
      releases.shift()?.();
      await jest.advanceTimersByTimeAsync(0);
    }
    await pageHide;
    expect(postEvents.mock.calls.map(c => c[2])).toEqual([{ keepalive: false }, { keepalive: true }, { keepalive: true }]);
    expect(queue.getStatus()).toMatchObject({ state: 'synced', pending: 0 });
  });
});
