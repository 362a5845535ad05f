import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestApp, type TestApp } from '../helper.js';
import { buildTestInstance, setTransferSyntax, uid } from './fixtures/dicomFixtures.js';
import { multipartBody } from './fixtures/multipartHelpers.js';

const STOW_TYPE = 'multipart/related; type="application/dicom"; boundary=test-boundary-1234';
type Json = Record<string, { vr: string; Value?: Array<Record<string, { Value?: unknown[] }>> }>;

function failedReasons(body: Json): Array<[unknown, unknown]> {
  return (body['00081198']?.Value ?? []).map(item => [item['00081155']?.Value?.[0], item['00081197']?.Value?.[0]]);
}

describe('STOW-RS failures and idempotence', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(() => t.close());

  const stow = (payload: Buffer, url = '/dicomweb/studies', contentType = STOW_TYPE) =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });
  const storedFiles = () => readdirSync(join(t.dir, 'dicom', 'objects'), { recursive: true }).filter(f => String(f).endsWith('.dcm'));
  const good = buildTestInstance({ SOPInstanceUID: uid('3.1') });

  // Each malformed part fails on its own with a reason; the good part is stored (202).
  it.each<[string, Uint8Array, number, undefined]>([
    ['truncated', good.subarray(0, good.length - 7), 0xc000, undefined],
    ['not DICOM', Buffer.from('hello, not dicom'.repeat(20)), 0xc000, undefined],
    ['bad meta header', (() => { const b = Buffer.from(good); b.write('XXXX', 128, 'latin1'); return b; })(), 0xc000, undefined],
    ['missing SOPInstanceUID', buildTestInstance({ SOPInstanceUID: uid('3.9'), omit: ['00080018'] }), 0xc000, undefined],
    ['deflated transfer syntax', setTransferSyntax(buildTestInstance({ SOPInstanceUID: uid('3.8') }), '1.2.840.10008.1.2.1.99'), 0xc122, undefined],
  ])('fails a %s part alone and stores the rest', async (_name, bad, reason) => {
    const ok = buildTestInstance({ SOPInstanceUID: uid('3.2') });
    const response = await stow(multipartBody([bad, ok]));
    expect(response.statusCode).toBe(202);
    const body = response.json() as Json;
    expect(failedReasons(body).map(([, r]) => r)).toEqual([reason]);
    expect(body['00081199']!.Value).toHaveLength(1);
    expect(await t.app.dicomStore.countInstances()).toBe(1);
    expect(storedFiles()).toHaveLength(1);
    expect(readdirSync(join(t.dir, 'dicom', 'tmp'))).toEqual([]);
  });

  it('answers 409 when no instance could be stored, leaving the store unchanged', async () => {
    const response = await stow(multipartBody([Buffer.from('junk'.repeat(50))]));
    expect(response.statusCode).toBe(409);
    expect(await t.app.dicomStore.countInstances()).toBe(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it('refuses instances of another study than the URL names', async () => {
    const response = await stow(multipartBody([good]), `/dicomweb/studies/${uid('999')}`);
    expect(response.statusCode).toBe(409);
    expect(failedReasons(response.json())).toEqual([[uid('3.1'), 0xc409]]);
    expect(await t.app.dicomStore.countInstances()).toBe(0);
  });

  it('treats identical bytes as success and different bytes for a stored SOP Instance as a failure', async () => {
    expect((await stow(multipartBody([good]))).statusCode).toBe(200);
    expect((await stow(multipartBody([good]))).statusCode).toBe(200);
    const changed = buildTestInstance({ SOPInstanceUID: uid('3.1'), PatientName: 'Other^Name' });
    const response = await stow(multipartBody([changed]));
    expect(response.statusCode).toBe(409);
    expect(failedReasons(response.json())).toEqual([[uid('3.1'), 0x0111]]);
    expect(await t.app.dicomStore.countInstances()).toBe(1);
    expect(storedFiles()).toHaveLength(1);
  });

  it('stores the same instance sent concurrently exactly once', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => stow(multipartBody([good]))));
    expect(responses.map(r => r.statusCode)).toEqual(Array(6).fill(200));
    expect(await t.app.dicomStore.countInstances()).toBe(1);
    expect(storedFiles()).toHaveLength(1);
  });

  it('fails a part that is not application/dicom', async () => {
    const response = await stow(multipartBody([{ contentType: 'application/dicom+json', bytes: Buffer.from('{}') }, good]));
    expect(response.statusCode).toBe(202);
  });

  it.each([
    ['no multipart', 'application/dicom', 415],
    ['JSON + bulk data STOW', 'multipart/related; type="application/dicom+json"; boundary=x', 415],
    ['no boundary', 'multipart/related; type="application/dicom"', 400],
  ])('rejects a request with %s', async (_name, contentType, status) => {
    const response = await stow(multipartBody([good]), '/dicomweb/studies', contentType);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('answers 400 for a body without its closing boundary, and 400 for no parts', async () => {
    const body = multipartBody([good]);
    expect((await stow(body.subarray(0, body.length - 30))).statusCode).toBe(400);
    expect((await stow(Buffer.from('--test-boundary-1234--\r\n'))).statusCode).toBe(400);
    expect(await t.app.dicomStore.countInstances()).toBe(0);
  });

  it('accepts unquoted parameters and a preamble before the first boundary', async () => {
    const payload = Buffer.concat([Buffer.from('preamble\r\n'), multipartBody([good], 'b0')]);
    const response = await stow(payload, '/dicomweb/studies', 'multipart/related; type=application/dicom; boundary=b0');
    expect(response.statusCode).toBe(200);
  });
});

describe('STOW-RS size limit', () => {
  it('answers 413 past the configured limit', async () => {
    const t = await buildTestApp();
    try {
      const big = Buffer.alloc(64);
      const response = await t.app.inject({
        method: 'POST', url: '/dicomweb/studies',
        headers: { 'content-type': STOW_TYPE, 'content-length': String(5 * 1024 ** 3) },
        payload: big,
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: 'payload_too_large' });
    } finally {
      await t.close();
    }
  });
});
