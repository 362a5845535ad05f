import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestInstance, uid } from '../dicomweb/fixtures/dicomFixtures.js';
import { multipartBody } from '../dicomweb/fixtures/multipartHelpers.js';
import { buildTestApp, type TestApp } from '../helper.js';
import { createTestDatabaseUrl, testDialect, type TestDatabaseUrl } from '../testDatabase.js';

const STOW_TYPE = 'multipart/related; type="application/dicom"; boundary=test-boundary-1234';

// Horizontal scale is stateless replicas on one database: two servers share it (and the file store).
describe(`two server replicas on one database (${testDialect})`, () => {
  let database: TestDatabaseUrl;
  let dir: string;
  let replicas: TestApp[];
  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    dir = mkdtempSync(join(tmpdir(), 'readingroom-replicas-'));
    // One after the other would also do; at once, both migrate the fresh schema and one waits.
    replicas = await Promise.all([0, 1].map(() => buildTestApp({ databaseUrl: database.url, dicomStorageDir: join(dir, 'dicom') })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map(r => r.close()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each instance once when both receive the same studies at the same time', async () => {
    const instances = Array.from({ length: 6 }, (_, i) =>
      buildTestInstance({ StudyInstanceUID: uid('50'), SeriesInstanceUID: uid(`51.${i % 2}`), SOPInstanceUID: uid(`52.${i}`), InstanceNumber: i + 1 }),
    );
    const stow = (replica: TestApp, parts: Uint8Array[]) =>
      replica.app.inject({ method: 'POST', url: '/dicomweb/studies', headers: { 'content-type': STOW_TYPE, accept: 'application/dicom+json' }, payload: multipartBody(parts) });
    const responses = await Promise.all([stow(replicas[0]!, instances), stow(replicas[1]!, [...instances].reverse())]);
    expect(responses.map(r => r.statusCode)).toEqual([200, 200]);
    for (const replica of replicas) {
      expect(await replica.app.dicomIndex.countInstances()).toBe(6);
      const series = (await replica.app.inject({ url: `/dicomweb/studies/${uid('50')}/series`, headers: { accept: 'application/dicom+json' } })).json();
      expect(series.map((s: Record<string, { Value: unknown[] }>) => s['00201209']!.Value[0])).toEqual([3, 3]);
    }
  });

  it('reports the same backend on both', async () => {
    const health = await Promise.all(replicas.map(async r => (await r.app.inject({ url: '/healthz' })).json().database));
    expect(health).toEqual([testDialect, testDialect]);
  });
});
