import { createUuidV7, validateClientEvent, type ClientEvent } from '@readingroom/platform-shim';
import { buildTestApp, type TestApp } from '../helper.js';

const STUDY = '1.2.826.0.1.3680043.8.498.10';
const clientId = '0192f0c8-0000-7000-8000-00000000c11e';

function labelEvent(type: 'label.created' | 'label.modified', labelId: string, x: number, occurredAt: string): ClientEvent {
  return {
    eventId: createUuidV7(),
    type,
    occurredAt,
    payload: {
      labelId,
      StudyInstanceUID: STUDY,
      SeriesInstanceUID: '1.2.826.0.1.3680043.8.498.11',
      SOPInstanceUID: '1.2.826.0.1.3680043.8.498.12',
      toolName: 'Length',
      geometry: { points: [[0, 0, 0], [x, 0, 0]] },
      measurements: [{ name: 'length', value: x, unit: 'mm' }],
    },
  };
}

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(() => t.close());

const post = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/events', payload: body as object });
const labels = async () => (await t.app.inject({ url: `/api/v1/studies/${STUDY}/labels` })).json().labels;

describe('POST /api/v1/events', () => {
  it('stores label events and serves the labels of the study with who changed them', async () => {
    const labelId = createUuidV7();
    const created = labelEvent('label.created', labelId, 10, '2026-11-28T05:00:00.000Z');
    const response = await post({ clientId, events: [created] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ results: [{ eventId: created.eventId, index: 0, status: 'stored' }] });
    expect(await labels()).toEqual([
      expect.objectContaining({ labelId, toolName: 'Length', version: 1, updatedBy: 'dev-labeler', geometry: { points: [[0, 0, 0], [10, 0, 0]] } }),
    ]);
  });

  it('answers a replayed batch "duplicate" and changes nothing', async () => {
    const event = labelEvent('label.created', createUuidV7(), 10, '2026-11-28T05:00:00.000Z');
    await post({ clientId, events: [event] });
    const replay = await post({ clientId, events: [event, event] });
    expect(replay.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((await labels())[0].version).toBe(1);
  });

  it('keeps the latest change when deliveries arrive out of order', async () => {
    const labelId = createUuidV7();
    const created = labelEvent('label.created', labelId, 10, '2026-11-28T05:00:00.000Z');
    const modified = labelEvent('label.modified', labelId, 25, '2026-11-28T05:00:05.000Z');
    await post({ clientId, events: [modified] });
    await post({ clientId, events: [created] });
    const [label] = await labels();
    expect(label.geometry.points[1][0]).toBe(25);
    expect(label.version).toBe(2);
  });

  it('removes a label and does not bring it back with a late edit', async () => {
    const labelId = createUuidV7();
    const removed: ClientEvent = {
      eventId: createUuidV7(),
      type: 'label.removed',
      occurredAt: '2026-11-28T05:00:10.000Z',
      payload: { labelId, StudyInstanceUID: STUDY },
    };
    await post({ clientId, events: [labelEvent('label.created', labelId, 10, '2026-11-28T05:00:00.000Z'), removed] });
    expect(await labels()).toEqual([]);
    await post({ clientId, events: [labelEvent('label.modified', labelId, 30, '2026-11-28T05:00:05.000Z')] });
    expect(await labels()).toEqual([]);
  });

  it('rejects a bad event with its reason and still stores the good ones', async () => {
    const good = labelEvent('label.created', createUuidV7(), 10, '2026-11-28T05:00:00.000Z');
    const bad = { ...labelEvent('label.created', createUuidV7(), 10, '2026-11-28T05:00:00.000Z'), type: 'label.created' as const };
    (bad.payload as { SOPInstanceUID: string }).SOPInstanceUID = 'not-a-uid';
    const response = await post({ clientId, events: [bad, good, 'garbage'] });
    expect(response.statusCode).toBe(200);
    const [first, second, third] = response.json().results;
    expect(first).toMatchObject({ index: 0, eventId: bad.eventId, status: 'rejected' });
    expect(first.reason).toContain('/payload/SOPInstanceUID');
    expect(second).toMatchObject({ index: 1, status: 'stored' });
    expect(third).toMatchObject({ index: 2, eventId: null, status: 'rejected' });
    expect(await labels()).toHaveLength(1);
  });

  it('stores timing and audit events', async () => {
    const events: ClientEvent[] = [
      { eventId: createUuidV7(), type: 'audit', occurredAt: '2026-11-28T05:00:00.000Z', payload: { action: 'study.opened', StudyInstanceUID: STUDY, mode: 'labeling' } },
      {
        eventId: createUuidV7(),
        type: 'timing.segment',
        occurredAt: '2026-11-28T05:00:09.000Z',
        payload: { StudyInstanceUID: STUDY, startedAt: '2026-11-28T05:00:00.000Z', endedAt: '2026-11-28T05:00:09.000Z', activeMs: 9000 },
      },
    ];
    expect(events.every(e => validateClientEvent(e).ok)).toBe(true);
    const response = await post({ clientId, events });
    expect(response.json().results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored']);
    const rows = t.app.db.prepare('SELECT type, user_id, study_uid FROM client_events ORDER BY seq').all();
    expect(rows).toEqual([
      { type: 'audit', user_id: 'dev-labeler', study_uid: STUDY },
      { type: 'timing.segment', user_id: 'dev-labeler', study_uid: STUDY },
    ]);
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
    expect(t.app.db.prepare('SELECT count(*) AS n FROM client_events').get()).toEqual({ n: 0 });
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
});
