import { IDBFactory } from 'fake-indexeddb';
import { openOutboxStore } from './openOutboxStore';
import type { ClientEvent } from '../contract/events';

const eventNumber = (n: number): ClientEvent => ({
  eventId: `0192f0c8-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'audit',
  occurredAt: '2026-11-28T05:00:00.000Z',
  payload: { action: 'study.opened', StudyInstanceUID: `1.2.${n}` },
});

describe('openOutboxStore', () => {
  it('keeps events per scope in insertion order, and only once per event id', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory() });
    await store.addEvents('alice', [eventNumber(3), eventNumber(1)]);
    await store.addEvents('bob', [eventNumber(2)]);
    const again = await store.addEvents('alice', [eventNumber(1), eventNumber(4)]);
    expect(again.map(r => r.eventId)).toEqual([eventNumber(4).eventId]);
    expect((await store.peekEvents('alice', 10)).map(r => r.event)).toEqual([eventNumber(3), eventNumber(1), eventNumber(4)]);
    expect(await store.countPending('alice')).toBe(3);
    expect(await store.countPending('bob')).toBe(1);
    expect((await store.peekEvents('alice', 2)).map(r => r.eventId)).toEqual([eventNumber(3).eventId, eventNumber(1).eventId]);
  });

  it('records the JSON size of each event', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory() });
    const [record] = await store.addEvents('alice', [eventNumber(1)]);
    expect(record!.bytes).toBe(JSON.stringify(eventNumber(1)).length);
  });

  it('removes delivered events and moves refused ones to the rejected store in one step', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory() });
    const batch = await store.addEvents('alice', [eventNumber(1), eventNumber(2), eventNumber(3)]);
    await store.settle(batch.slice(0, 2), { delivered: [eventNumber(1).eventId], rejected: [{ eventId: eventNumber(2).eventId, reason: 'bad' }] });
    expect((await store.peekEvents('alice', 10)).map(r => r.eventId)).toEqual([eventNumber(3).eventId]);
    expect(await store.readRejections('alice', 10)).toEqual({ count: 1, latest: [{ eventId: eventNumber(2).eventId, reason: 'bad' }] });
    expect(await store.readRejections('bob', 10)).toEqual({ count: 0, latest: [] });
  });

  it('lists the latest rejections first and counts them all', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory() });
    const batch = await store.addEvents('alice', [1, 2, 3].map(eventNumber));
    await store.settle(batch, { delivered: [], rejected: batch.map(r => ({ eventId: r.eventId, reason: `r${r.seq}` })) });
    const { count, latest } = await store.readRejections('alice', 2);
    expect(count).toBe(3);
    expect(latest.map(r => r.eventId)).toEqual([eventNumber(3).eventId, eventNumber(2).eventId]);
  });

  it('keeps everything, and the client id, across a reopen (a page reload)', async () => {
    const indexedDB = new IDBFactory();
    const first = await openOutboxStore({ indexedDB });
    const clientId = await first.readClientId(() => 'client-1');
    await first.addEvents('alice', [eventNumber(1)]);
    first.close();
    const second = await openOutboxStore({ indexedDB });
    expect(await second.readClientId(() => 'client-2')).toBe(clientId);
    expect(await second.countPending('alice')).toBe(1);
  });

  it('reports a browser without IndexedDB as unavailable storage', async () => {
    await expect(openOutboxStore({ indexedDB: undefined, name: 'x' })).rejects.toMatchObject({ name: 'OutboxStorageError', problem: 'unavailable' });
  });

  it('reports a browser refusing to open the database (private mode) as unavailable storage', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await expect(openOutboxStore({ indexedDB: refusing })).rejects.toMatchObject({ problem: 'unavailable' });
  });
});
