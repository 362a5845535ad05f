import { createUuidV7, validateClientEvent, type ClientEvent } from '@readingroom/platform-shim';
import { buildTestApp, type TestApp } from '../helper.js';
import { OTHER_STUDY, PROJECT, STUDY, at, clientId, createLungProject, labelEvent, nodule, postEvents, removedEvent, studyLabels, timingEvent } from './labelingFixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app);
});
afterEach(() => t.close());

const count = async (table: string) => Number((await t.app.database.queryOne<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);

describe('POST /api/v1/events', () => {
  it('stores a label and serves it with its version, content hash and author', async () => {
    const labelId = createUuidV7();
    const created = labelEvent('label.created', nodule(labelId, 10), at(0));
    expect(await postEvents(t.app, [created])).toEqual([{ eventId: created.eventId, index: 0, status: 'stored' }]);
    expect(await studyLabels(t.app)).toEqual([
      expect.objectContaining({ labelId, findingTypeId: 'nodule', version: 1, createdBy: 'dev-labeler', updatedBy: 'dev-labeler', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('answers a replayed batch "duplicate" and changes nothing', async () => {
    const event = labelEvent('label.created', nodule(createUuidV7(), 10), at(0));
    await postEvents(t.app, [event]);
    expect((await postEvents(t.app, [event, event])).map(r => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((await studyLabels(t.app))[0]!.version).toBe(1);
    expect(await count('label_versions')).toBe(1);
  });

  it('answers the second copy of an event within one batch "duplicate"', async () => {
    const event = labelEvent('label.created', nodule(createUuidV7(), 10), at(0));
    expect((await postEvents(t.app, [event, event])).map(r => r.status)).toEqual(['stored', 'duplicate']);
  });

  it('keeps the latest change by client time when deliveries arrive out of order', async () => {
    const labelId = createUuidV7();
    await postEvents(t.app, [labelEvent('label.modified', nodule(labelId, 25), at(5))]);
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0))]);
    const [label] = await studyLabels(t.app);
    expect(label!.attributes['mean-diameter']).toBe(25);
    // Both changes are versions, numbered as recorded; the current one is the later by client time.
    expect(label!.version).toBe(1);
    expect(await count('label_versions')).toBe(2);
  });

  it('removes a label and does not bring it back with a late, older edit', async () => {
    const labelId = createUuidV7();
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0)), removedEvent(labelId, at(10))]);
    expect(await studyLabels(t.app)).toEqual([]);
    await postEvents(t.app, [labelEvent('label.modified', nodule(labelId, 30), at(5))]);
    expect(await studyLabels(t.app)).toEqual([]);
  });

  it('keeps a removal that arrives before its label as a tombstone, recorded once the content arrives', async () => {
    const labelId = createUuidV7();
    expect((await postEvents(t.app, [removedEvent(labelId, at(10))]))[0]!.status).toBe('stored');
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0))]);
    expect(await studyLabels(t.app)).toEqual([]);
    const versions = (await t.app.inject({ url: `/api/v1/labels/${labelId}/versions` })).json().versions;
    expect(versions.map((v: { change: string }) => v.change)).toEqual(['created', 'removed']);
  });

  it('brings a removed label back with a newer change (undo)', async () => {
    const labelId = createUuidV7();
    await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0)), removedEvent(labelId, at(5)), labelEvent('label.created', nodule(labelId, 10), at(6))]);
    expect((await studyLabels(t.app)).map(l => l.labelId)).toEqual([labelId]);
  });

  describe('rejects, with the reason, and still stores the good events of the batch', () => {
    const rejected = async (event: unknown) => {
      const good = labelEvent('label.created', nodule(createUuidV7(), 10), at(0));
      const [first, second] = await postEvents(t.app, [event, good]);
      expect(second!.status).toBe('stored');
      expect(first!.status).toBe('rejected');
      return first!.reason!;
    };

    it.each<[string, () => unknown, string]>([
      ['a malformed event', () => ({ ...labelEvent('label.created', nodule(createUuidV7(), 10), at(0)), payload: { ...nodule(createUuidV7(), 1), SOPInstanceUID: 'not-a-uid' } }), '/payload/SOPInstanceUID'],
      ['an unknown event type', () => ({ eventId: createUuidV7(), type: 'label.exploded', occurredAt: at(0), payload: {} }), '/type: must be one of'],
      ['an unknown project', () => labelEvent('label.created', nodule(createUuidV7(), 10, { projectId: 'spleen' }), at(0)), '/payload/projectId: unknown project "spleen"'],
      ['an unknown schema version', () => labelEvent('label.created', nodule(createUuidV7(), 10, { schemaVersion: 7 }), at(0)), 'project "lung" has no schema version 7'],
      ['a study outside the project', () => labelEvent('label.created', nodule(createUuidV7(), 10, { StudyInstanceUID: OTHER_STUDY }), at(0)), 'the study is not part of project "lung"'],
      ['a finding type the schema lacks', () => labelEvent('label.created', nodule(createUuidV7(), 10, { findingTypeId: 'mass' }), at(0)), '/payload/findingTypeId: "mass" is not a finding type'],
      ['a geometry the finding type does not allow', () => labelEvent('label.created', nodule(createUuidV7(), 10, { geometry: { kind: 'point', toolName: 'Probe', points: [[0, 0, 0]] } }), at(0)), 'Nodule cannot be a point'],
      ['a missing required attribute', () => labelEvent('label.created', nodule(createUuidV7(), 10, { attributes: { type: 'solid', 'mean-diameter': 4 } }), at(0)), '/payload/attributes/lobe: Lobe is required'],
      ['a removal in an unknown project', () => removedEvent(createUuidV7(), at(0), 'spleen'), 'unknown project "spleen"'],
      ['a case submission for a study outside the project', () => ({ eventId: createUuidV7(), type: 'case.submitted', occurredAt: at(0), payload: { projectId: PROJECT, StudyInstanceUID: OTHER_STUDY } }), 'not part of project'],
      ['a timing segment that ends before it starts', () => ({ ...timingEvent(10, 5), payload: { ...(timingEvent(10, 5).payload as object), activeMs: 0 } }), '/payload/endedAt: a segment ends after it starts'],
      ['a timing segment with more active time than it lasted', () => ({ ...timingEvent(0, 5), payload: { ...(timingEvent(0, 5).payload as object), activeMs: 9000 } }), '/payload/activeMs: 9000 ms is more than the segment lasted (5000 ms)'],
      ['a timing segment in an unknown project', () => timingEvent(0, 5, { projectId: 'spleen' }), 'unknown project "spleen"'],
    ])('%s', async (_name, make, reason) => {
      expect(await rejected(make())).toContain(reason);
    });

    it('a label that moves to another study', async () => {
      await t.app.inject({ method: 'PUT', url: `/api/v1/projects/${PROJECT}/studies/${OTHER_STUDY}` });
      const labelId = createUuidV7();
      await postEvents(t.app, [labelEvent('label.created', nodule(labelId, 10), at(0))]);
      expect(await rejected(labelEvent('label.modified', nodule(labelId, 12, { StudyInstanceUID: OTHER_STUDY }), at(5)))).toContain('a label cannot move');
      expect((await studyLabels(t.app, OTHER_STUDY)).length).toBe(0);
    });

    it('and stores nothing of a rejected event', async () => {
      await postEvents(t.app, [labelEvent('label.created', nodule(createUuidV7(), 10, { projectId: 'spleen' }), at(0))]);
      expect([await count('client_events'), await count('label_versions'), await count('labels')]).toEqual([0, 0, 0]);
    });
  });

  it('answers events without a readable id with eventId null', async () => {
    expect(await postEvents(t.app, ['garbage'])).toEqual([{ eventId: null, index: 0, status: 'rejected', reason: expect.stringContaining('/type') }]);
  });

  it('stores timing and audit events', async () => {
    const events: ClientEvent[] = [
      { eventId: createUuidV7(), type: 'audit', occurredAt: at(0), payload: { action: 'study.opened', StudyInstanceUID: STUDY, mode: 'labeling' } },
      timingEvent(0, 9),
    ];
    expect(events.every(e => validateClientEvent(e).ok)).toBe(true);
    expect((await postEvents(t.app, events)).map(r => r.status)).toEqual(['stored', 'stored']);
    const rows = await t.app.database.query('SELECT type, user_id, study_uid FROM client_events ORDER BY seq');
    expect(rows).toEqual([
      { type: 'audit', user_id: 'dev-labeler', study_uid: STUDY },
      { type: 'timing.segment', user_id: 'dev-labeler', study_uid: STUDY },
    ]);
    expect(await count('timing_segments')).toBe(1);
  });

  it.each([
    ['malformed JSON', '{"clientId": ', 'application/json', 400, 'invalid_json'],
    ['an empty batch', JSON.stringify({ clientId, events: [] }), 'application/json', 400, 'bad_request'],
    ['a bad client id', JSON.stringify({ clientId: 'me', events: [{}] }), 'application/json', 400, 'bad_request'],
    ['an unknown field', JSON.stringify({ clientId, events: [{}], extra: 1 }), 'application/json', 400, 'bad_request'],
    ['too many events', JSON.stringify({ clientId, events: Array.from({ length: 501 }, () => ({})) }), 'application/json', 400, 'bad_request'],
    ['a text body', 'hello', 'text/plain', 415, 'unsupported_media_type'],
  ])('answers %s with a clear 4xx and stores nothing', async (_name, payload, contentType, status, code) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/events', payload, headers: { 'content-type': contentType } });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: code, message: expect.any(String) });
    expect(await count('client_events')).toBe(0);
  });
});

describe('GET /api/v1/studies/:StudyInstanceUID/labels', () => {
  it('rejects a malformed study UID with 400', async () => {
    const response = await t.app.inject({ url: '/api/v1/studies/not-a-uid/labels' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('bad_request');
  });

  it('answers an unknown study with an empty list', async () => {
    expect((await t.app.inject({ url: '/api/v1/studies/1.2.3/labels' })).json()).toEqual({ labels: [] });
  });

  it('filters by project', async () => {
    await createLungProject(t.app, 'lung-2');
    await postEvents(t.app, [labelEvent('label.created', nodule(createUuidV7(), 10), at(0)), labelEvent('label.created', nodule(createUuidV7(), 11, { projectId: 'lung-2' }), at(1))]);
    const only = (await t.app.inject({ url: `/api/v1/studies/${STUDY}/labels?projectId=lung-2` })).json().labels;
    expect(only.map((l: { projectId: string }) => l.projectId)).toEqual(['lung-2']);
    expect(await studyLabels(t.app)).toHaveLength(2);
  });
});
