import { createServer } from 'node:net';
import type { AuditTrail, ExportResponse, ImportResponse, LabelSnapshot } from '@readingroom/platform-shim';
import { createPacsClient } from '../../src/exports/pacs/createPacsClient.js';
import { startOrthanc, type OrthancServer } from '../conformance/orthancServer.js';
import { buildTestApp, type TestApp } from '../helper.js';
import { loadDemoSource } from './demoSource.js';
import { expectSameLabels } from './expectSameLabels.js';
import { TEST_PROJECT } from './exportTestLabels.js';
import { created, createStudyLabels, currentLabels, postLabelEvents, prepareStudy, removed } from './exportsApiFixtures.js';

jest.setTimeout(180_000);

let orthanc: OrthancServer;
let t: TestApp;
let study: string;
let labels: LabelSnapshot[];

beforeAll(async () => {
  orthanc = await startOrthanc();
  t = await buildTestApp({ pacsDicomwebUrl: orthanc.dicomWebRoot });
  study = await prepareStudy(t.app);
  // The PACS has the study's images too, as a site's PACS would.
  const pacs = createPacsClient({ url: orthanc.dicomWebRoot });
  const demo = loadDemoSource('ct-chest');
  for (let i = 0; i < demo.files.length; i += 16) {
    const files = demo.files.slice(i, i + 16).map((bytes, j) => ({ SOPInstanceUID: [...demo.source.images.keys()][i + j]!, bytes }));
    expect((await pacs.store(study, files)).every(r => r.status === 'stored')).toBe(true);
  }
  labels = createStudyLabels();
  await postLabelEvents(t.app, labels.map(created));
});
afterAll(async () => {
  await t?.close();
  await orthanc?.stop();
});

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('export to and import from Orthanc as the PACS', () => {
  let exported: ExportResponse;

  test('export stores every instance locally and on the PACS, byte for byte the same', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/studies/${study}/exports`, payload: { projectId: TEST_PROJECT, formats: ['sr', 'seg'] } });
    expect(response.statusCode).toBe(201);
    exported = response.json();
    expect(exported.complete).toBe(true);
    expect(exported.destinations.map(d => [d.destination, d.status])).toEqual([['local', 'stored'], ['local', 'stored'], ['pacs', 'stored'], ['pacs', 'stored']]);
    const pacs = createPacsClient({ url: orthanc.dicomWebRoot });
    const onPacs = (await pacs.listInstances(study)).filter(i => exported.instances.some(e => e.SOPInstanceUID === i.SOPInstanceUID));
    expect(onPacs).toHaveLength(2);
    for (const instance of onPacs) {
      const local = await t.app.dicomStore.listInstances({ StudyInstanceUID: study, SeriesInstanceUID: instance.SeriesInstanceUID, SOPInstanceUID: instance.SOPInstanceUID });
      const chunks: Buffer[] = [];
      for await (const chunk of t.app.dicomStore.openFile(local[0]!)) chunks.push(chunk as Buffer);
      expect(Buffer.from(await pacs.readInstance({ ...instance, StudyInstanceUID: study })).equals(Buffer.concat(chunks))).toBe(true);
    }
  });

  test('import from the PACS recreates removed labels, identical to float precision', async () => {
    await postLabelEvents(t.app, labels.map(removed));
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/studies/${study}/imports`, payload: { projectId: TEST_PROJECT, source: 'pacs' } });
    expect(response.statusCode).toBe(200);
    const result: ImportResponse = response.json();
    expect(result.instances.map(i => i.problems)).toEqual([[], []]);
    expect(result.labels.map(l => l.outcome)).toEqual(labels.map(() => 'created'));
    // Labels on one CT image are SCOORD (pixel coordinates through the image plane): within 0.1 µm.
    expectSameLabels(await currentLabels(t.app, study, labels), labels, { imageTolerance: 1e-4 });
  });

  test('a PACS that cannot be reached is reported per instance; the local copies are still stored', async () => {
    const unreachable = await buildTestApp({ pacsDicomwebUrl: `http://127.0.0.1:${await freePort()}/dicom-web` });
    try {
      const otherStudy = await prepareStudy(unreachable.app);
      await postLabelEvents(unreachable.app, createStudyLabels().map(created));
      const body: ExportResponse = (await unreachable.app.inject({ method: 'POST', url: `/api/v1/studies/${otherStudy}/exports`, payload: { projectId: TEST_PROJECT, formats: ['sr'] } })).json();
      expect(body.complete).toBe(false);
      expect(body.destinations).toEqual([
        { destination: 'local', SOPInstanceUID: body.instances[0]!.SOPInstanceUID, status: 'stored' },
        { destination: 'pacs', SOPInstanceUID: body.instances[0]!.SOPInstanceUID, status: 'failed', message: 'the PACS could not be reached (ECONNREFUSED)' },
      ]);
      // The ledger has the export with each destination's outcome: a partial failure.
      const trail: AuditTrail = (await unreachable.app.inject({ url: `/api/v1/audit/trail?studyInstanceUid=${otherStudy}&limit=1000` })).json();
      const exports = trail.entries.filter(e => e.record.kind === 'export.created').map(e => e.record.detail);
      expect(exports).toEqual([
        expect.objectContaining({
          destinations: [
            { destination: 'local', SOPInstanceUID: body.instances[0]!.SOPInstanceUID, status: 'stored' },
            { destination: 'pacs', SOPInstanceUID: body.instances[0]!.SOPInstanceUID, status: 'failed' },
          ],
          outcome: 'minor-failure',
          reason: '1 of 2 deliveries failed',
        }),
      ]);
    } finally {
      await unreachable.close();
    }
  });
});
