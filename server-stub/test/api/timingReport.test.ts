import { createUuidV7 } from '@readingroom/platform-shim';
import { buildTestApp, type TestApp } from '../helper.js';
import { OTHER_STUDY, PROJECT, STUDY, at, createLungProject, labelEvent, nodule, postEvents, timingEvent } from './labelingFixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  await createLungProject(t.app, PROJECT, [STUDY, OTHER_STUDY]);
});
afterEach(() => t.close());

const report = async (query = '', headers: Record<string, string> = {}) => t.app.inject({ url: `/api/v1/reports/timing${query}`, headers });

describe('GET /api/v1/reports/timing', () => {
  it('counts overlapping time once per case and labeler, and gives each label its own time', async () => {
    const [a, b] = [createUuidV7(), createUuidV7()];
    await postEvents(t.app, [
      labelEvent('label.created', nodule(a, 10), at(0)),
      // Label a: 0–10 s; label b drawn in a second tab: 5–15 s; reading the case: 20–30 s.
      timingEvent(0, 10, { labelId: a, findingTypeId: 'nodule' }),
      timingEvent(5, 15, { labelId: b }),
      timingEvent(20, 30),
      // Another case, overlapping the first in time (two tabs): counted once in the labeler total.
      timingEvent(25, 35, { StudyInstanceUID: OTHER_STUDY }),
    ]);
    const body = (await report()).json();
    expect(body.rule).toContain('union');
    expect(body.labelers).toHaveLength(1);
    const [labeler] = body.labelers;
    expect(labeler.labelerId).toBe('dev-labeler');
    expect(labeler.activeMs).toBe(30_000); // 0–15 and 20–35
    const first = labeler.cases.find((c: { StudyInstanceUID: string }) => c.StudyInstanceUID === STUDY);
    expect(first.activeMs).toBe(25_000); // 0–15 and 20–30
    expect(first.byLabel).toEqual([
      { labelId: a, findingTypeId: 'nodule', activeMs: 10_000 },
      // b never reached the server as a label: no finding type is known for it.
      { labelId: b, findingTypeId: null, activeMs: 10_000 },
    ]);
    expect(first.byFindingType).toEqual([
      { findingTypeId: 'nodule', activeMs: 10_000, labelCount: 1 },
      { findingTypeId: null, activeMs: 20_000, labelCount: 1 },
    ]);
  });

  it('fills in the finding type of a segment from its label', async () => {
    const a = createUuidV7();
    await postEvents(t.app, [labelEvent('label.created', nodule(a, 10), at(0)), timingEvent(0, 4, { labelId: a })]);
    expect((await report()).json().labelers[0].cases[0].byLabel).toEqual([{ labelId: a, findingTypeId: 'nodule', activeMs: 4000 }]);
  });

  it('clips segments to the [from, to) window and filters by project and labeler', async () => {
    await postEvents(t.app, [timingEvent(0, 10), timingEvent(20, 30)]);
    const windowed = (await report(`?from=${encodeURIComponent(at(5))}&to=${encodeURIComponent(at(25))}`)).json();
    expect(windowed.filters).toEqual({ from: at(5), to: at(25) });
    expect(windowed.labelers[0].activeMs).toBe(10_000);
    expect((await report('?labelerId=someone-else')).json().labelers).toEqual([]);
    expect((await report('?projectId=other')).json().labelers).toEqual([]);
    expect((await report(`?projectId=${PROJECT}`)).json().labelers[0].activeMs).toBe(20_000);
  });

  it('answers CSV for Accept: text/csv or format=csv, RFC 4180, one row per level', async () => {
    const a = createUuidV7();
    await postEvents(t.app, [labelEvent('label.created', nodule(a, 10), at(0)), timingEvent(0, 6, { labelId: a })]);
    for (const response of [await report('', { accept: 'text/csv' }), await report('?format=csv')]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.body.split('\r\n')).toEqual([
        'labeler_id,project_id,study_instance_uid,level,finding_type_id,label_id,label_count,active_ms,active_minutes',
        'dev-labeler,,,labeler,,,,6000,0.10',
        `dev-labeler,${PROJECT},${STUDY},case,,,1,6000,0.10`,
        `dev-labeler,${PROJECT},${STUDY},finding-type,nodule,,1,6000,0.10`,
        `dev-labeler,${PROJECT},${STUDY},label,nodule,${a},,6000,0.10`,
        '',
      ]);
    }
    expect((await report('?format=json', { accept: 'text/csv' })).json().labelers).toHaveLength(1);
  });

  it.each([
    ['a malformed time', '?from=yesterday'],
    ['an empty window', `?from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(at(5))}`],
    ['an unknown filter', '?user=me'],
    ['an unknown format', '?format=xml'],
  ])('rejects %s with 400', async (_name, query) => {
    const response = await report(query);
    expect([response.statusCode, response.json().error]).toEqual([400, 'bad_request']);
  });
});
