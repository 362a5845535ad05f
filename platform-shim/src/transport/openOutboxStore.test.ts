import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
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
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
    await store.addEvents('alice', [eventNumber(3), eventNumber(1)]);
    await store.addEvents('bob', [eventNumber(2)]);
    const again = await store.addEvents('alice', [eventNumber(1), eventNumber(4)]);
    expect(again.map(r => r.eventId)).toEqual([eventNumber(4).eventId]);
    expect((await store.peekEvents('alice', 10)).map(r => r.event)).toEqual([eventNumber(3), eventNumber(1), eventNumber(4)]);
    expect(await store.countPending('alice')).toBe(3);
    expect(await store.countPending('bob')).toBe(1);
    expect((await store.peekEvents('alice', 2)).map(r => r.eventId)).toEqual([eventNumber(3).eventId, eventNumber(1).eventId]);
  });

  it('reads the events after a given one (the next batch), in order and within the scope', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
    const [first] = await store.addEvents('alice', [eventNumber(1)]);
    await store.addEvents('bob', [eventNumber(2)]);
    await store.addEvents('alice', [eventNumber(3), eventNumber(4), eventNumber(5)]);
    expect((await store.peekEvents('alice', 2, first!.seq)).map(r => r.eventId)).toEqual([eventNumber(3).eventId, eventNumber(4).eventId]);
  });

  // A browser that kept events under the first schema version must keep (and send) them after the upgrade.
  it('upgrades a version 1 outbox without losing its events', async () => {
    const indexedDB = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('readingroom-outbox', 1);
      request.onupgradeneeded = () => {
        const pending = request.result.createObjectStore('pending', { keyPath: 'seq', autoIncrement: true });
        pending.createIndex('scope', 'scope');
        pending.createIndex('eventId', 'eventId', { unique: true });
        request.result.createObjectStore('rejected', { keyPath: 'eventId' }).createIndex('scope', 'scope');
        request.result.createObjectStore('meta', { keyPath: 'key' });
        pending.add({ scope: 'alice', eventId: eventNumber(1).eventId, event: eventNumber(1), bytes: 10 });
        pending.add({ scope: 'alice', eventId: eventNumber(2).eventId, event: eventNumber(2), bytes: 10 });
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const store = await openOutboxStore({ indexedDB, keyRange: IDBKeyRange });
    const [first] = await store.peekEvents('alice', 10);
    expect((await store.peekEvents('alice', 10, first!.seq)).map(r => r.eventId)).toEqual([eventNumber(2).eventId]);
  });

  it('records the JSON size of each event', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
    const [record] = await store.addEvents('alice', [eventNumber(1)]);
    expect(record!.bytes).toBe(JSON.stringify(eventNumber(1)).length);
  });

  it('removes delivered events and moves refused ones to the rejected store in one step', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
    const batch = await store.addEvents('alice', [eventNumber(1), eventNumber(2), eventNumber(3)]);
    await store.settle(batch.slice(0, 2), { delivered: [eventNumber(1).eventId], rejected: [{ eventId: eventNumber(2).eventId, reason: 'bad' }] });
    expect((await store.peekEvents('alice', 10)).map(r => r.eventId)).toEqual([eventNumber(3).eventId]);
    expect(await store.readRejections('alice', 10)).toEqual({ count: 1, latest: [{ eventId: eventNumber(2).eventId, reason: 'bad' }] });
    expect(await store.readRejections('bob', 10)).toEqual({ count: 0, latest: [] });
  });

  // Deleting a delivered batch by key range must not take another user's events lying between.
  it('removes a delivered batch without touching events of another scope stored in between', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
    await store.addEvents('alice', [eventNumber(1)]);
    await store.addEvents('bob', [eventNumber(2)]);
    await store.addEvents('alice', [eventNumber(3), eventNumber(4)]);
    const batch = await store.peekEvents('alice', 10);
    await store.settle(batch, { delivered: batch.map(r => r.eventId), rejected: [] });
    expect(await store.countPending('alice')).toBe(0);
    expect((await store.peekEvents('bob', 10)).map(r => r.eventId)).toEqual([eventNumber(2).eventId]);
  });

  it('keeps the events of a batch the server did not answer for, deleting the others around them', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
    const batch = await store.addEvents('alice', [1, 2, 3, 4, 5].map(eventNumber));
    await store.settle(batch, { delivered: [1, 2, 4, 5].map(n => eventNumber(n).eventId), rejected: [] });
    expect((await store.peekEvents('alice', 10)).map(r => r.eventId)).toEqual([eventNumber(3).eventId]);
  });

  it('lists the latest rejections first and counts them all', async () => {
    const store = await openOutboxStore({ indexedDB: new IDBFactory(), keyRange: IDBKeyRange });
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
