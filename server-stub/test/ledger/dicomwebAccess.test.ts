import { parseCanonicalRecord, type LedgerRecord } from '../../src/ledger/core/index.js';
import { buildTestApp, testDialect, type TestApp } from '../helper.js';
import { buildTestInstance, fakeJpeg, uid } from '../dicomweb/fixtures/dicomFixtures.js';
import { multipartBody } from '../dicomweb/fixtures/multipartHelpers.js';
import { readAllRecords } from './ledgerTestSupport.js';

const STOW_TYPE = 'multipart/related; type="application/dicom"; boundary=test-boundary-1234';

let t: TestApp;
const ct = buildTestInstance({ SOPInstanceUID: uid('3.1'), InstanceNumber: 1, PatientName: 'Doe^Jane' });
const us = buildTestInstance({
  StudyInstanceUID: uid('1'), SeriesInstanceUID: uid('2.2'), SOPInstanceUID: uid('3.3'), Modality: 'US', SeriesNumber: 2,
  TransferSyntaxUID: '1.2.840.10008.1.2.4.50', NumberOfFrames: 2, BitsAllocated: 8, encapsulatedFrames: [[fakeJpeg(40, 1)], [fakeJpeg(30, 2)]],
});

beforeEach(async () => {
  t = await buildTestApp();
  const stored = await t.app.inject({ method: 'POST', url: '/dicomweb/studies', headers: { 'content-type': STOW_TYPE, accept: 'application/dicom+json' }, payload: multipartBody([ct, us]) });
  expect(stored.statusCode).toBe(200);
});
afterEach(() => t.close());

async function ledger(): Promise<LedgerRecord[]> {
  await t.app.auditRecorder.flush();
  return (await readAllRecords(t.app.database)).map(parseCanonicalRecord);
}

const get = (url: string, accept = 'application/dicom+json') => t.app.inject({ method: 'GET', url, headers: { accept } });

describe(`the server records the DICOMweb requests it serves (${testDialect})`, () => {
  it('records a store with the instances stored, and who stored them', async () => {
    const [store] = await ledger();
    expect(store).toMatchObject({
      kind: 'dicomweb.store',
      actor: { userId: 'dev-labeler' },
      subject: { StudyInstanceUID: uid('1'), SOPInstanceUIDs: [uid('3.1'), uid('3.3')] },
      detail: { route: '/studies', status: 200, storedCount: 2, outcome: 'success' },
    });
  });

  it('records one entry per retrieve, naming the study, series, instance and frames', async () => {
    expect((await get(`/dicomweb/studies/${uid('1')}/metadata`)).statusCode).toBe(200);
    expect((await get(`/dicomweb/studies/${uid('1')}/series/${uid('2.2')}/instances/${uid('3.3')}/frames/1,2`, 'multipart/related; type="image/jpeg"')).statusCode).toBe(200);
    const records = (await ledger()).filter(r => r.kind === 'dicomweb.retrieve');
    expect(records.map(r => [r.subject, r.detail.route, r.detail.frames])).toEqual([
      [{ StudyInstanceUID: uid('1') }, '/studies/:StudyInstanceUID/metadata', undefined],
      [{ StudyInstanceUID: uid('1'), SeriesInstanceUID: uid('2.2'), SOPInstanceUIDs: [uid('3.3')] }, '/studies/:StudyInstanceUID/series/:SeriesInstanceUID/instances/:SOPInstanceUID/frames/:frameList', '1,2'],
    ]);
  });

  it('records a study search with the studies it returned and the query keys, never their values', async () => {
    expect((await get('/dicomweb/studies?PatientName=doe*&StudyDate=20200101-')).statusCode).toBe(200);
    const [query] = (await ledger()).filter(r => r.kind === 'dicomweb.query');
    expect(query!.detail).toMatchObject({ route: '/studies', queryKeys: ['PatientName', 'StudyDate'], resultCount: 1, StudyInstanceUIDs: [uid('1')] });
    const text = (await readAllRecords(t.app.database)).map(r => r.canonicalContent).join('\n');
    expect(text).not.toMatch(/doe|Doe|Jane/);
    // The search shows in the study's trail.
    const trail = (await t.app.inject({ url: `/api/v1/audit/trail?studyInstanceUid=${uid('1')}` })).json();
    expect(trail.entries.map((e: { activity: string }) => e.activity)).toEqual(['stored', 'queried']);
  });

  it('records nothing for a request that served nothing', async () => {
    const before = (await ledger()).length;
    expect((await get(`/dicomweb/studies/${uid('99')}/metadata`)).statusCode).toBe(404);
    expect((await ledger()).length).toBe(before);
  });
});
