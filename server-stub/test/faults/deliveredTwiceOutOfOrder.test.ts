import { createUuidV7, type ClientEvent } from '@readingroom/platform-shim';
import { parseCanonicalRecord } from '../../src/ledger/core/index.js';
import { verifyStoredLedger } from '../../src/ledger/verify/verifyStoredLedger.js';
import { buildTestApp, testDialect, type TestApp } from '../helper.js';
import { STUDY, at, clientId, createLungProject, labelEvent, nodule, postEvents, removedEvent, studyLabels, submittedEvent, timingEvent } from '../api/labelingFixtures.js';
import { readAllRecords } from '../ledger/ledgerTestSupport.js';

// The outbox's batches reach the server twice each and out of order (a retry after a lost answer,
// a keepalive request at unload racing the next page's flusher): the server must end where an
// in-order, once-only delivery ends, keep each event once, and ledger each change once.
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map(t => t.close()));
});

async function newApp(): Promise<TestApp> {
  const t = await buildTestApp();
  apps.push(t);
  await createLungProject(t.app);
  return t;
}

/** A labeler's session: labels created, edited, one removed, the case submitted, timing and audit events; batches of 3. */
function session(): ClientEvent[][] {
  const [a, b, c] = [createUuidV7(), createUuidV7(), createUuidV7()];
  const events: ClientEvent[] = [
    { eventId: createUuidV7(), type: 'audit', occurredAt: at(0), payload: { action: 'study.opened', StudyInstanceUID: STUDY, mode: 'labeling' } },
    labelEvent('label.created', nodule(a, 5), at(1)),
    labelEvent('label.created', nodule(b, 7), at(2)),
    labelEvent('label.modified', nodule(a, 6), at(3)),
    timingEvent(1, 3, { labelId: a, findingTypeId: 'nodule' }),
    labelEvent('label.created', nodule(c, 9), at(4)),
    removedEvent(b, at(5)),
    labelEvent('label.modified', nodule(a, 8), at(6)),
    labelEvent('label.modified', nodule(c, 11), at(7)),
    { eventId: createUuidV7(), type: 'audit', occurredAt: at(8), payload: { action: 'series.displayed', StudyInstanceUID: STUDY, SeriesInstanceUID: `${STUDY}.1` } },
    submittedEvent(at(9)),
    timingEvent(4, 9),
  ];
  return Array.from({ length: events.length / 3 }, (_, i) => events.slice(i * 3, i * 3 + 3));
}

/** What a labeler and a reader see afterwards: current labels with their content hashes, and the stored events. */
async function outcome(t: TestApp) {
  const labels = (await studyLabels(t.app)).map(l => ({ labelId: l.labelId, status: l.status, attributes: l.attributes, contentHash: l.contentHash })).sort((x, y) => x.labelId.localeCompare(y.labelId));
  const events = await t.app.database.query<{ event_id: string; n: number }>('SELECT event_id, COUNT(*) AS n FROM client_events WHERE client_id = ? GROUP BY event_id ORDER BY event_id', [clientId]);
  return { labels, events: events.map(e => [e.event_id, Number(e.n)]) };
}

/** Ledger records per client event id, checked by the server's verifier with its key. */
async function ledgerOf(t: TestApp) {
  const report = await verifyStoredLedger(t.app.database, { origin: t.app.auditLedger.key.origin, verifierKeys: [t.app.auditLedger.key.verifierKey] });
  expect(report).toMatchObject({ ok: true });
  const perEvent = new Map<string, string[]>();
  for (const record of (await readAllRecords(t.app.database)).map(parseCanonicalRecord)) {
    const id = String(record.detail.clientEventId);
    perEvent.set(id, [...(perEvent.get(id) ?? []), record.kind].sort());
  }
  return perEvent;
}

describe(`every batch delivered twice and out of order (${testDialect})`, () => {
  it('ends as an in-order delivery ends: each event stored once, each change ledgered once, the ledger verifies', async () => {
    const batches = session();
    const inOrder = await newApp();
    for (const batch of batches) expect((await postEvents(inOrder.app, batch)).map(r => r.status)).toEqual(batch.map(() => 'stored'));

    const shuffled = await newApp();
    // Newest first, each twice, the second copies interleaved: 3 2 3 1 2 0 1 0.
    const order = [3, 2, 3, 1, 2, 0, 1, 0];
    const answers = new Map<string, string[]>();
    for (const i of order) {
      const results = await postEvents(shuffled.app, batches[i]!);
      results.forEach((r, j) => answers.set(batches[i]![j]!.eventId, [...(answers.get(batches[i]![j]!.eventId) ?? []), r.status]));
    }
    // Each event answered "stored" once, then "duplicate": delivered, nothing refused.
    expect([...answers.values()]).toEqual(batches.flat().map(() => ['stored', 'duplicate']));

    const expected = await outcome(inOrder);
    expect(expected.labels).toHaveLength(2);
    expect(await outcome(shuffled)).toEqual(expected);
    const ledgered = await ledgerOf(shuffled);
    expect(ledgered).toEqual(await ledgerOf(inOrder));
    // One record per label version and audit event, none for timing; the submission records its labels' submitted versions too.
    for (const event of batches.flat()) {
      const kinds = ledgered.get(event.eventId) ?? [];
      if (event.type === 'timing.segment') expect(kinds).toEqual([]);
      else if (event.type === 'case.submitted') expect(kinds).toEqual(['case.submitted', 'label.submitted', 'label.submitted']);
      else expect(kinds).toHaveLength(1);
    }
  });
});
