import { createUuidV7 } from '@readingroom/platform-shim';
import { parseCanonicalRecord, verifyLedger } from '../../src/ledger/core/index.js';
import { buildTestApp, testDialect, type TestApp } from '../helper.js';
import { INSTANCE, SERIES, STUDY, at, clientId, createLungProject, labelEvent, nodule, postEvents, removedEvent, submittedEvent, timingEvent } from '../api/labelingFixtures.js';
import { readAllRecords } from './ledgerTestSupport.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app);
});
afterEach(() => t.close());

const ledger = async () => (await readAllRecords(t.app.database)).map(parseCanonicalRecord);

describe(`label ingest writes the ledger (${testDialect})`, () => {
  it('records each label version with its id, version and content hash, the submission and client audit events, but no label content', async () => {
    const labelId = createUuidV7();
    const opened = { eventId: createUuidV7(), type: 'audit', occurredAt: at(0), payload: { action: 'study.opened', StudyInstanceUID: STUDY, mode: 'labeling' } };
    await postEvents(t.app, [
      opened,
      labelEvent('label.created', nodule(labelId, 10), at(1)),
      labelEvent('label.modified', nodule(labelId, 12), at(2)),
      submittedEvent(at(3)),
      timingEvent(1, 3),
    ]);
    await postEvents(t.app, [removedEvent(labelId, at(4))]);

    const versions = (await t.app.inject({ url: `/api/v1/labels/${labelId}/versions` })).json().versions as Array<{ version: number; change: string; contentHash: string }>;
    const records = await ledger();
    const labelRecords = records.filter(r => r.kind.startsWith('label.'));
    expect(labelRecords.map(r => [r.kind, r.subject.labelVersion, r.subject.contentHash])).toEqual(versions.map(v => [`label.${v.change}`, v.version, v.contentHash]));
    expect(labelRecords.map(r => r.kind)).toEqual(['label.created', 'label.modified', 'label.submitted', 'label.removed']);
    expect(labelRecords[0]).toMatchObject({
      actor: { userId: 'dev-labeler', role: 'labeler', clientId },
      subject: { StudyInstanceUID: STUDY, SeriesInstanceUID: SERIES, SOPInstanceUIDs: [INSTANCE], labelId },
      detail: { projectId: 'lung', schemaVersion: 1, occurredAt: at(1) },
    });
    expect(records.filter(r => r.kind === 'case.submitted')).toHaveLength(1);
    expect(records.find(r => r.kind === 'study.opened')).toMatchObject({ subject: { StudyInstanceUID: STUDY }, detail: { clientEventId: opened.eventId, mode: 'labeling', reportedBy: 'client' } });
    expect(records.some(r => r.kind.startsWith('timing'))).toBe(false);
    // The label's attributes and geometry stay out of the ledger: only its hash is there.
    const text = (await readAllRecords(t.app.database)).map(r => r.canonicalContent).join('\n');
    expect(text).not.toMatch(/mean-diameter|rul|solid|points/);
    expect(verifyLedger(await readAllRecords(t.app.database), { origin: 'x', verifierKeys: [] })).toMatchObject({ ok: true });
  });

  it('records nothing for duplicates and rejected events', async () => {
    const event = labelEvent('label.created', nodule(createUuidV7(), 10), at(0));
    await postEvents(t.app, [event]);
    const before = (await ledger()).length;
    const foreign = labelEvent('label.created', nodule(createUuidV7(), 10, { projectId: 'no-such-project' }), at(1));
    const results = await postEvents(t.app, [event, foreign]);
    expect(results.map(r => r.status)).toEqual(['duplicate', 'rejected']);
    expect((await ledger()).length).toBe(before);
  });
});
