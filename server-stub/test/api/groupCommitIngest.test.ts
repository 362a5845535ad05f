import { createUuidV7, type ClientEvent, type IngestResult } from '@readingroom/platform-shim';
import { DEVELOPMENT_USER } from '../../src/identity/identityPlugin.js';
import { authorizeDevelopmentUser } from '../../src/services/labeling/authorize.js';
import { createIngestService, type IngestService } from '../../src/services/labeling/createIngestService.js';
import { createSchemaCache } from '../../src/services/labeling/createSchemaCache.js';
import type { LabelingStores, TransactionalStoreSet } from '../../src/stores/labeling/createLabelingStores.js';
import { buildTestApp, type TestApp } from '../helper.js';
import { OTHER_STUDY, STUDY, at, createLungProject, labelEvent, nodule, timingEvent } from './labelingFixtures.js';

// Group commit: requests that arrive while an ingest transaction runs are stored together in the
// next one. The first transaction is held until the other requests have arrived, so the group is
// known; each request must still be answered for its own events, as if stored alone.
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app);
}, 30_000);
afterEach(async () => t.close(), 30_000);

interface Harness {
  service: IngestService;
  /** Transactions the service began. */
  transactions(): number;
}

/** The ingest service over the app's stores, its first transaction held until `release`; `wrap` may alter each transaction's stores. */
function gatedService(release: Promise<void>, wrap: (tx: TransactionalStoreSet) => TransactionalStoreSet = tx => tx): Harness {
  const real = t.app.labelingStores;
  let transactions = 0;
  const stores: LabelingStores = {
    ...real,
    async transaction(fn) {
      transactions++;
      if (transactions === 1) await release;
      return real.transaction(tx => fn(wrap(tx)));
    },
  };
  const service = createIngestService({ stores, schemas: createSchemaCache(), authorize: authorizeDevelopmentUser, audit: t.app.auditRecorder });
  return { service, transactions: () => transactions };
}

const nextTurn = () => new Promise(resolve => setImmediate(resolve));

/** Sends `first`, then (while its transaction is held) the others; every outcome, and how many transactions ran. */
async function sendGrouped(wrap: ((tx: TransactionalStoreSet) => TransactionalStoreSet) | undefined, first: Batch, others: Batch[]) {
  let open!: () => void;
  const harness = gatedService(new Promise<void>(resolve => (open = resolve)), wrap);
  const firstResult = harness.service.ingest(first, DEVELOPMENT_USER);
  await nextTurn();
  expect(harness.transactions()).toBe(1);
  const pending = others.map(batch => harness.service.ingest(batch, DEVELOPMENT_USER));
  await nextTurn();
  open();
  const outcomes = await Promise.allSettled([firstResult, ...pending]);
  return { outcomes, transactions: harness.transactions() };
}

interface Batch {
  clientId: string;
  events: unknown[];
}

const batch = (events: unknown[], clientId = createUuidV7()): Batch => ({ clientId, events });
const statuses = (outcome: PromiseSettledResult<IngestResult[]>) => (outcome.status === 'fulfilled' ? outcome.value.map(r => r.status) : outcome.reason);
const audit = (): ClientEvent => ({ eventId: createUuidV7(), type: 'audit', occurredAt: at(1), payload: { action: 'study.opened', StudyInstanceUID: STUDY, mode: 'labeling' } });

async function count(table: string, where = '', params: string[] = []): Promise<number> {
  const row = await t.app.database.queryOne<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}${where}`, params);
  return Number(row!.n);
}

async function ledgerEventIds(): Promise<string[]> {
  await t.app.auditRecorder.flush();
  const rows = await t.app.database.query<{ canonical_content: string }>('SELECT canonical_content FROM audit_ledger ORDER BY seq');
  return rows.flatMap(row => {
    const id = (JSON.parse(row.canonical_content) as { detail: { clientEventId?: string } }).detail.clientEventId;
    return id ? [id] : [];
  });
}

describe('group commit of concurrent ingest requests', () => {
  it('stores the requests that arrived meanwhile in one transaction, each answered for its own events, versions in arrival order', async () => {
    const labelId = createUuidV7();
    const created = labelEvent('label.created', nodule(labelId, 10), at(1));
    const modified = labelEvent('label.modified', nodule(labelId, 12), at(2));
    const others = [batch([created, timingEvent(0, 1)]), batch([modified, audit()]), batch([audit(), labelEvent('label.created', nodule(createUuidV7(), 7), at(3))])];
    const { outcomes, transactions } = await sendGrouped(undefined, batch([audit()]), others);
    expect(transactions).toBe(2);
    expect(outcomes.map(statuses)).toEqual([['stored'], ['stored', 'stored'], ['stored', 'stored'], ['stored', 'stored']]);
    const versions = (await t.app.inject({ url: `/api/v1/labels/${labelId}/versions` })).json().versions;
    expect(versions.map((v: { version: number; eventId: string }) => [v.version, v.eventId])).toEqual([[1, created.eventId], [2, modified.eventId]]);
    expect(await count('client_events')).toBe(7);
    // Ledgered: label versions and client audit events, in the order the requests were stored.
    const ledgered = [others[0]!.events[0], ...others[1]!.events, ...others[2]!.events].map(e => (e as ClientEvent).eventId);
    expect((await ledgerEventIds()).slice(-ledgered.length).sort()).toEqual(ledgered.sort());
  }, 30_000);

  it('rejects a bad event on its own: the other events of its request and the other requests are stored', async () => {
    const outside = labelEvent('label.created', nodule(createUuidV7(), 5, { StudyInstanceUID: OTHER_STUDY }), at(1));
    const { outcomes, transactions } = await sendGrouped(undefined, batch([audit()]), [
      batch([audit(), outside, { eventId: 'not-a-uuid', type: 'audit' }]),
      batch([labelEvent('label.created', nodule(createUuidV7(), 8), at(2))]),
    ]);
    expect(transactions).toBe(2);
    expect(outcomes.map(statuses)).toEqual([['stored'], ['stored', 'rejected', 'rejected'], ['stored']]);
    expect(await count('client_events')).toBe(3);
    expect(await count('client_events', ' WHERE event_id = ?', [outside.eventId])).toBe(0);
  }, 30_000);

  it('stores an event delivered twice by one client in concurrent requests once, the later answered duplicate', async () => {
    const clientId = createUuidV7();
    const event = labelEvent('label.created', nodule(createUuidV7(), 9), at(1));
    const { outcomes, transactions } = await sendGrouped(undefined, batch([audit()]), [batch([event], clientId), batch([event, audit()], clientId), batch([audit()])]);
    expect(transactions).toBe(2);
    expect(outcomes.map(statuses)).toEqual([['stored'], ['stored'], ['duplicate', 'stored'], ['stored']]);
    expect(await count('client_events', ' WHERE event_id = ?', [event.eventId])).toBe(1);
    expect((await ledgerEventIds()).filter(id => id === event.eventId)).toHaveLength(1);
    expect(await count('label_versions', ' WHERE event_id = ?', [event.eventId])).toBe(1);
  }, 30_000);

  it('when the shared transaction fails, stores each request alone: the request that fails gets the error and nothing of it is stored', async () => {
    const poison = createUuidV7();
    const failOnPoison = (tx: TransactionalStoreSet): TransactionalStoreSet => ({
      ...tx,
      ingest: {
        save: async writes => {
          await tx.ingest.save(writes);
          if (writes.events.some(r => r.eventId === poison)) throw new Error('injected database failure');
        },
      },
    });
    const poisoned = batch([audit(), { ...audit(), eventId: poison }]);
    const { outcomes, transactions } = await sendGrouped(failOnPoison, batch([audit()]), [batch([audit()]), poisoned, batch([timingEvent(0, 2)])]);
    expect(outcomes.map(statuses)).toEqual([['stored'], ['stored'], new Error('injected database failure'), ['stored']]);
    // The held one, the failed group, then each of its three requests alone.
    expect(transactions).toBe(5);
    const ids = poisoned.events.map(e => (e as ClientEvent).eventId);
    expect(await count('client_events', ' WHERE client_id = ?', [poisoned.clientId])).toBe(0);
    expect((await ledgerEventIds()).filter(id => ids.includes(id))).toEqual([]);
    expect(await count('client_events')).toBe(3);
  }, 30_000);

  it('when the database fails for every transaction, every caller of the group gets the error and nothing of the group is stored', async () => {
    let failing = false;
    // Fails after the rows are written, before the ledger: nothing may stay.
    const failAfterWrites = (tx: TransactionalStoreSet): TransactionalStoreSet => ({
      ...tx,
      ingest: {
        save: async writes => {
          await tx.ingest.save(writes);
          if (failing) throw new Error('database unavailable');
        },
      },
    });
    const others = [batch([labelEvent('label.created', nodule(createUuidV7(), 6), at(1))]), batch([audit(), timingEvent(0, 3)])];
    failing = true;
    const { outcomes } = await sendGrouped(failAfterWrites, batch([audit()]), others);
    expect(outcomes.map(statuses)).toEqual([new Error('database unavailable'), new Error('database unavailable'), new Error('database unavailable')]);
    expect([await count('client_events'), await count('label_versions'), await count('labels'), await count('timing_segments')]).toEqual([0, 0, 0, 0]);
    expect(await ledgerEventIds()).toEqual([]);
  }, 30_000);
});
