import { createHash } from 'node:crypto';
import { buildTestApp, type TestApp } from '../helper.js';
import { buildTestInstance, fakeJpeg, ramp, uid } from './fixtures/dicomFixtures.js';
import { multipartBody, parseMultipartResponse } from './fixtures/multipartHelpers.js';

const STOW_TYPE = 'multipart/related; type="application/dicom"; boundary=test-boundary-1234';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('DICOMweb round trip (STOW → QIDO → WADO)', () => {
  let t: TestApp;
  const ct1 = buildTestInstance({ SOPInstanceUID: uid('3.1'), InstanceNumber: 1, PatientName: 'Doe^Jane' });
  const ct2 = buildTestInstance({ SOPInstanceUID: uid('3.2'), InstanceNumber: 2, PatientName: 'Doe^Jane' });
  const usFrames = [[fakeJpeg(40, 1)], [fakeJpeg(30, 2), ramp(10, 3)], [fakeJpeg(20, 4)]];
  const us = buildTestInstance({
    StudyInstanceUID: uid('1'), SeriesInstanceUID: uid('2.2'), SOPInstanceUID: uid('3.3'), Modality: 'US', SeriesNumber: 2,
    TransferSyntaxUID: '1.2.840.10008.1.2.4.50', NumberOfFrames: 3, BitsAllocated: 8, encapsulatedFrames: usFrames,
  });
  const other = buildTestInstance({
    StudyInstanceUID: uid('10'), SeriesInstanceUID: uid('20'), SOPInstanceUID: uid('30'), PatientName: 'Müller^Hans',
    PatientID: 'PID002', StudyDate: '20230301', Modality: 'MR', AccessionNumber: 'ACC777',
  });

  beforeAll(async () => {
    t = await buildTestApp();
    const response = await t.app.inject({
      method: 'POST', url: '/dicomweb/studies', headers: { 'content-type': STOW_TYPE, accept: 'application/dicom+json' },
      payload: multipartBody([ct1, ct2, us, other]),
    });
    expect(response.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const get = (url: string, accept = 'application/dicom+json') => t.app.inject({ method: 'GET', url, headers: { accept } });

  it('answers STOW with a ReferencedSOPSequence of every stored instance', async () => {
    const response = await t.app.inject({
      method: 'POST', url: `/dicomweb/studies/${uid('1')}`, headers: { 'content-type': STOW_TYPE }, payload: multipartBody([ct1]),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body['00081199'].Value[0]['00081155'].Value).toEqual([uid('3.1')]);
    expect(body['00081198']).toBeUndefined();
    expect(await t.app.dicomStore.countInstances()).toBe(4);
  });

  it('finds studies with computed attributes', async () => {
    const response = await get('/dicomweb/studies');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const studies = response.json() as Array<Record<string, { Value?: unknown[] }>>;
    expect(studies).toHaveLength(2);
    const first = studies.find(s => s['0020000D']!.Value![0] === uid('1'))!;
    expect(first['00201206']!.Value).toEqual([2]);
    expect(first['00201208']!.Value).toEqual([3]);
    expect(first['00080061']!.Value).toEqual(['CT', 'US']);
    expect(first['00100010']!.Value).toEqual([{ Alphabetic: 'Doe^Jane' }]);
  });

  it.each([
    ['PatientName=doe*', [uid('1')]],
    ['PatientName=*ller*', [uid('10')]],
    ['PatientName=hans&fuzzymatching=true', [uid('10')]],
    ['PatientName=muller^hans', [uid('10')]],
    ['PatientName=hans', []],
    ['PatientID=PID002', [uid('10')]],
    ['StudyDate=20230101-20231231', [uid('10')]],
    ['StudyDate=20240101-', [uid('1')]],
    ['StudyDate=-20240115', [uid('1'), uid('10')]],
    ['ModalitiesInStudy=US', [uid('1')]],
    ['ModalitiesInStudy=MR\\US', [uid('1'), uid('10')]],
    [`StudyInstanceUID=${uid('10')}\\${uid('99')}`, [uid('10')]],
    ['AccessionNumber=ACC7?7', [uid('10')]],
    ['00080050=ACC001', [uid('1')]],
    ['StudyDescription=CT*', [uid('1'), uid('10')]],
  ])('matches studies: %s', async (query, expected) => {
    const response = await get(`/dicomweb/studies?${query}`);
    expect(response.statusCode).toBe(200);
    const found = (response.json() as Array<Record<string, { Value: string[] }>>).map(s => s['0020000D']!.Value[0]).sort();
    expect(found).toEqual([...expected].sort());
  });

  it.each([
    ['NotAKeyword=1', /unknown query parameter/],
    ['StudyDate=2024', /StudyDate/],
    ['limit=-1', /limit/],
    ['StudyInstanceUID=abc', /UID/],
    ['includefield=Bogus', /includefield/],
    ['SOPInstanceUID=1.2', /not a matching key at study level/],
  ])('rejects %s with 400', async (query, message) => {
    const response = await get(`/dicomweb/studies?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) });
  });

  it('pages with limit and offset', async () => {
    const all = (await get('/dicomweb/studies')).json() as unknown[];
    const page = (await get('/dicomweb/studies?limit=1&offset=1')).json() as unknown[];
    expect(page).toEqual([all[1]]);
  });

  it('lists series of a study with their instance counts and the StudyInstanceUID', async () => {
    const series = (await get(`/dicomweb/studies/${uid('1')}/series?includefield=0008103E`)).json() as Array<Record<string, { Value: unknown[] }>>;
    expect(series.map(s => [s['0020000E']!.Value[0], s['00080060']!.Value[0], s['00201209']!.Value[0], s['0020000D']!.Value[0]])).toEqual([
      [uid('2.1'), 'CT', 2, uid('1')],
      [uid('2.2'), 'US', 1, uid('1')],
    ]);
  });

  it('lists instances with default attributes', async () => {
    const instances = (await get(`/dicomweb/studies/${uid('1')}/series/${uid('2.1')}/instances`)).json() as Array<Record<string, { Value: unknown[] }>>;
    expect(instances.map(i => i['00080018']!.Value[0])).toEqual([uid('3.1'), uid('3.2')]);
    expect(instances[0]!['00280010']!.Value).toEqual([4]);
    expect(instances[0]!['00200013']!.Value).toEqual([1]);
  });

  it('answers an empty array when nothing matches', async () => {
    const response = await get('/dicomweb/studies?PatientID=nobody');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });

  it('returns study metadata with BulkDataURIs relative to the study', async () => {
    const response = await get(`/dicomweb/studies/${uid('1')}/metadata`);
    expect(response.statusCode).toBe(200);
    const metadata = response.json() as Array<Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string }>>;
    expect(metadata).toHaveLength(3);
    expect(metadata[0]!['7FE00010']).toEqual({ vr: 'OW', BulkDataURI: `series/${uid('2.1')}/instances/${uid('3.1')}/bulkdata/7FE00010` });
    expect(metadata[0]!['00280030']).toBeUndefined();
    expect(metadata[2]!['00280008']!.Value).toEqual([3]);
  });

  it('retrieves native frames as stored, with the transfer syntax in each part', async () => {
    const response = await get(
      `/dicomweb/studies/${uid('1')}/series/${uid('2.1')}/instances/${uid('3.2')}/frames/1`,
      'multipart/related; type=application/octet-stream; transfer-syntax=*',
    );
    expect(response.statusCode).toBe(200);
    const parts = parseMultipartResponse(response.rawPayload, response.headers['content-type'] as string);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.headers['content-type']).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1');
    expect(parts[0]!.body).toEqual(Buffer.from(ramp(32)));
  });

  it.each([
    ['multipart/related; type=application/octet-stream; transfer-syntax=*', 'application/octet-stream'],
    ['multipart/related; type="application/octet-stream"', 'application/octet-stream'],
    ['multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50', 'image/jpeg'],
  ])('retrieves encapsulated frames (several fragments per frame) for Accept %s', async (accept, partType) => {
    const response = await get(`/dicomweb/studies/${uid('1')}/series/${uid('2.2')}/instances/${uid('3.3')}/frames/2,3,1`, accept);
    expect(response.statusCode).toBe(200);
    const parts = parseMultipartResponse(response.rawPayload, response.headers['content-type'] as string);
    expect(parts.map(p => p.headers['content-type'])).toEqual(Array(3).fill(`${partType}; transfer-syntax=1.2.840.10008.1.2.4.50`));
    expect(parts.map(p => p.body)).toEqual([
      Buffer.concat([fakeJpeg(30, 2), ramp(10, 3)]),
      Buffer.from(fakeJpeg(20, 4)),
      Buffer.from(fakeJpeg(40, 1)),
    ]);
  });

  it.each([
    ['a transfer syntax we would have to transcode to', 'multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1'],
    ['a rendered media type', 'image/png'],
  ])('answers 406 for %s', async (_why, accept) => {
    const response = await get(`/dicomweb/studies/${uid('1')}/series/${uid('2.2')}/instances/${uid('3.3')}/frames/1`, accept);
    expect(response.statusCode).toBe(406);
  });

  it('answers 404 for a frame the instance does not have and 400 for a bad frame list', async () => {
    const base = `/dicomweb/studies/${uid('1')}/series/${uid('2.2')}/instances/${uid('3.3')}/frames`;
    expect((await get(`${base}/4`, 'multipart/related; type=application/octet-stream')).statusCode).toBe(404);
    expect((await get(`${base}/0`, 'multipart/related; type=application/octet-stream')).statusCode).toBe(400);
  });

  it('retrieves the BulkDataURI of pixel data', async () => {
    const response = await get(
      `/dicomweb/studies/${uid('1')}/series/${uid('2.1')}/instances/${uid('3.1')}/bulkdata/7FE00010`,
      'multipart/related; type="application/octet-stream"',
    );
    expect(response.statusCode).toBe(200);
    const parts = parseMultipartResponse(response.rawPayload, response.headers['content-type'] as string);
    expect(parts[0]!.body).toEqual(Buffer.from(ramp(32)));
  });

  it('retrieves Part 10 instances byte for byte', async () => {
    const response = await get(`/dicomweb/studies/${uid('1')}`, 'multipart/related; type="application/dicom"');
    expect(response.statusCode).toBe(200);
    const parts = parseMultipartResponse(response.rawPayload, response.headers['content-type'] as string);
    expect(parts.map(p => sha(p.body))).toEqual([ct1, ct2, us].map(sha));
    expect(parts[2]!.headers['content-type']).toBe('application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50');
  });

  it('answers 404 for unknown studies', async () => {
    expect((await get(`/dicomweb/studies/${uid('404')}/metadata`)).statusCode).toBe(404);
    expect((await get(`/dicomweb/studies/${uid('404')}`, '*/*')).statusCode).toBe(404);
  });
});
