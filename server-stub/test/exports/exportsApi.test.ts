import { createUuidV7, type AuditTrail, type ExportResponse, type ImportResponse, type LabelSnapshot } from '@readingroom/platform-shim';
import { buildTestApp, type TestApp } from '../helper.js';
import { expectSameLabels } from './expectSameLabels.js';
import { TEST_PROJECT } from './exportTestLabels.js';
import { created, createStudyLabels, currentLabels, postLabelEvents, prepareStudy, removed } from './exportsApiFixtures.js';

jest.setTimeout(120_000);

let t: TestApp;
let study: string;
let labels: LabelSnapshot[];

beforeAll(async () => {
  t = await buildTestApp();
  study = await prepareStudy(t.app);
  labels = createStudyLabels();
  await postLabelEvents(t.app, labels.map(created));
});
afterAll(() => t.close());

const exportLabels = async (body: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/studies/${study}/exports`, payload: body as object });
const importLabels = async (body: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/studies/${study}/imports`, payload: body as object });

describe('POST /studies/{uid}/exports and /imports', () => {
  let exported: ExportResponse;

  test('export writes one SR and one SEG into the DICOMweb store, with the labels each carries', async () => {
    const response = await exportLabels({ projectId: TEST_PROJECT, formats: ['sr', 'seg'] });
    expect(response.statusCode).toBe(201);
    exported = response.json();
    expect(exported.instances.map(i => [i.format, i.labelIds.length])).toEqual([['sr', 10], ['seg', 3]]);
    expect(exported.destinations).toEqual(exported.instances.map(i => ({ destination: 'local', SOPInstanceUID: i.SOPInstanceUID, status: 'stored' })));
    expect(exported).toMatchObject({ complete: true, problems: [], skipped: [] });
    const series = (await t.app.inject({ url: `/dicomweb/studies/${study}/series`, headers: { accept: 'application/dicom+json' } })).json() as Array<Record<string, { Value: string[] }>>;
    expect(series.map(s => s['00080060']!.Value[0]).sort()).toEqual(['CT', 'SEG', 'SR']);
  });

  test('after the labels are removed, import recreates them through ingest, identical to float precision', async () => {
    await postLabelEvents(t.app, labels.map(removed));
    expect(await currentLabels(t.app, study, labels)).toEqual([]);
    const response = await importLabels({ projectId: TEST_PROJECT });
    expect(response.statusCode).toBe(200);
    const result: ImportResponse = response.json();
    expect(result.instances.map(i => [i.labelCount, i.problems])).toEqual([[10, []], [3, []]]);
    expect(result.labels.map(l => l.outcome)).toEqual(labels.map(() => 'created'));
    // Labels on one CT image are SCOORD (pixel coordinates through the image plane): within 0.1 µm.
    expectSameLabels(await currentLabels(t.app, study, labels), labels, { imageTolerance: 1e-4 });
  });

  test("the export and the import are in the ledger: a source image's trail lists the export, the SR's trail the import, labels by id, version and hash only", async () => {
    const image = (labels.find(l => 'SOPInstanceUID' in l && l.SOPInstanceUID) as { SOPInstanceUID: string }).SOPInstanceUID;
    const trailOf = async (uid: string): Promise<AuditTrail> => (await t.app.inject({ url: `/api/v1/audit/trail?sopInstanceUid=${uid}` })).json();
    const exports = (await trailOf(image)).entries.filter(e => e.record.kind === 'export.created');
    expect(exports.map(e => e.activity)).toEqual(['exported']);
    const exportRecord = exports[0]!.record;
    expect(exportRecord.actor).toMatchObject({ userId: expect.any(String), role: expect.any(String) });
    expect(exportRecord.subject).toMatchObject({ StudyInstanceUID: study, SOPInstanceUIDs: expect.arrayContaining([image]) });
    expect(exportRecord.detail).toMatchObject({
      projectId: TEST_PROJECT,
      formats: ['sr', 'seg'],
      instances: exported.instances.map(i => ({ format: i.format, SOPClassUID: i.SOPClassUID, SOPInstanceUID: i.SOPInstanceUID, SeriesInstanceUID: i.SeriesInstanceUID, labelIds: i.labelIds })),
      destinations: exported.destinations,
      outcome: 'success',
    });
    const exportedLabels = exportRecord.detail.labels as Array<{ labelId: string; labelVersion: number; contentHash: string }>;
    expect(exportedLabels.map(l => l.labelId).sort()).toEqual(labels.map(l => l.labelId).sort());
    expect(exportedLabels.every(l => l.labelVersion === 1 && /^[0-9a-f]{64}$/.test(l.contentHash))).toBe(true);
    const sr = exported.instances.find(i => i.format === 'sr')!;
    const imports = (await trailOf(sr.SOPInstanceUID)).entries.filter(e => e.record.kind === 'import.received');
    expect(imports.map(e => e.activity)).toEqual(['stored']);
    const importedLabels = imports[0]!.record.detail.labels as Array<{ labelId: string; outcome: string; labelVersion: number; contentHash: string }>;
    const now = (await t.app.inject({ url: `/api/v1/studies/${study}/labels?projectId=${TEST_PROJECT}` })).json().labels as Array<{ labelId: string; version: number; contentHash: string }>;
    expect(importedLabels.map(({ labelId, labelVersion, contentHash }) => ({ labelId, version: labelVersion, contentHash })).sort((a, b) => a.labelId.localeCompare(b.labelId)))
      .toEqual(now.map(({ labelId, version, contentHash }) => ({ labelId, version, contentHash })).sort((a, b) => a.labelId.localeCompare(b.labelId)));
    expect(importedLabels.every(l => l.outcome === 'created' && l.labelVersion === 3)).toBe(true);
    // No label content: neither geometry nor the schema's finding types nor the author's name.
    for (const record of [exportRecord, imports[0]!.record]) expect(record.canonicalContent).not.toMatch(/geometry|findingTypeId|points|Development user/i);
  });

  test('an export that fails before any destination answers is in the ledger too, as a serious failure naming its labels', async () => {
    const imageless = '2.25.90417730912386640175300312938';
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/projects/${TEST_PROJECT}/studies/${imageless}` })).statusCode).toBe(200);
    const template = labels.find(l => 'SOPInstanceUID' in l && l.SOPInstanceUID)!;
    const label = { ...template, labelId: createUuidV7(), StudyInstanceUID: imageless, SeriesInstanceUID: `${imageless}.1`, SOPInstanceUID: `${imageless}.1.1` } as LabelSnapshot;
    await postLabelEvents(t.app, [created(label)]);
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/studies/${imageless}/exports`, payload: { projectId: TEST_PROJECT, formats: ['sr'] } });
    expect(response.statusCode).toBe(404);
    const trail: AuditTrail = (await t.app.inject({ url: `/api/v1/audit/trail?sopInstanceUid=${imageless}.1.1` })).json();
    const failed = trail.entries.filter(e => e.record.kind === 'export.created');
    expect(failed.map(e => e.activity)).toEqual(['exported']);
    expect(failed[0]!.record.detail).toMatchObject({
      projectId: TEST_PROJECT,
      formats: ['sr'],
      instances: [],
      destinations: [],
      labels: [{ labelId: label.labelId, labelVersion: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      outcome: 'serious-failure',
      reason: 'export failed: No instances of this study are stored',
    });
  });

  test('importing again changes nothing; a label edited since comes back as it was exported', async () => {
    const [first] = labels;
    await postLabelEvents(t.app, [{ ...created(first!), type: 'label.modified', payload: { ...first!, status: 'submitted' } }]);
    const result: ImportResponse = (await importLabels({ projectId: TEST_PROJECT })).json();
    expect(result.labels.filter(l => l.outcome !== 'unchanged')).toEqual([{ labelId: first!.labelId, SOPInstanceUID: exported.instances[0]!.SOPInstanceUID, outcome: 'modified' }]);
    expect((await currentLabels(t.app, study, [first!]))[0]!.status).toBe(first!.status);
  });

  test('only the instances asked for are read, and unknown ones are reported', async () => {
    const seg = exported.instances.find(i => i.format === 'seg')!;
    const result: ImportResponse = (await importLabels({ projectId: TEST_PROJECT, SOPInstanceUIDs: [seg.SOPInstanceUID, '1.2.3.4'] })).json();
    expect(result.instances).toEqual([
      { SOPInstanceUID: '1.2.3.4', labelCount: 0, problems: [{ item: '1.2.3.4', message: 'no SR or SEG instance of the study has this UID' }] },
      { SOPInstanceUID: seg.SOPInstanceUID, SOPClassUID: seg.SOPClassUID, labelCount: 3, problems: [] },
    ]);
  });

  test.each([
    ['no format', { projectId: TEST_PROJECT, formats: [] }, 400, 'bad_request'],
    ['an unknown format', { projectId: TEST_PROJECT, formats: ['rtstruct'] }, 400, 'bad_request'],
    ['an unknown field', { projectId: TEST_PROJECT, formats: ['sr'], destination: 'x' }, 400, 'bad_request'],
  ])('an export with %s is refused with a 4xx JSON error', async (_what, body, status, error) => {
    const response = await exportLabels(body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error });
  });

  test('a project without labels on the study exports nothing and says why', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/projects/empty', payload: { title: 'Empty' } });
    const body: ExportResponse = (await exportLabels({ projectId: 'empty', formats: ['sr', 'seg'] })).json();
    expect(body).toMatchObject({ instances: [], destinations: [], complete: true });
    expect(body.skipped.map(s => s.format)).toEqual(['sr', 'seg']);
  });

  test('import from a PACS when none is configured is a 409, and a study without instances a 404', async () => {
    expect((await importLabels({ projectId: TEST_PROJECT, source: 'pacs' })).json()).toMatchObject({ error: 'pacs_not_configured' });
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/studies/1.2.3.999/exports', payload: { projectId: TEST_PROJECT, formats: ['sr'] } });
    expect(missing.statusCode).toBe(404);
  });
});
