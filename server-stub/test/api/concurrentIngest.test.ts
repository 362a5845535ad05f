import { createUuidV7 } from '@readingroom/platform-shim';
import { buildTestApp, type TestApp } from '../helper.js';
import { createTestDatabaseUrl, type TestDatabaseUrl } from '../testDatabase.js';
import { at, clientId, createLungProject, labelEvent, nodule, studyLabels } from './labelingFixtures.js';

// Two server processes on one database (two apps here, each with its own connections): label
// changes of one study must be serialized, so no version number is lost or taken twice.
let database: TestDatabaseUrl;
let apps: TestApp[];
beforeEach(async () => {
  database = await createTestDatabaseUrl();
  apps = [await buildTestApp({ databaseUrl: database.url }), await buildTestApp({ databaseUrl: database.url })];
  await createLungProject(apps[0]!.app);
}, 30_000);
afterEach(async () => {
  for (const t of apps) await t.close();
  await database.drop();
}, 30_000);

describe('concurrent ingest from two server processes', () => {
  it('numbers the versions of one label 1…n without gaps or repeats, and keeps the latest change', async () => {
    const labelId = createUuidV7();
    const events = Array.from({ length: 24 }, (_, i) => labelEvent(i === 0 ? 'label.created' : 'label.modified', nodule(labelId, 10 + i), at(i)));
    const responses = await Promise.all(
      events.map((event, i) => apps[i % 2]!.app.inject({ method: 'POST', url: '/api/v1/events', payload: { clientId, events: [event] } })),
    );
    expect(responses.map(r => [r.statusCode, r.json().results[0].status])).toEqual(events.map(() => [200, 'stored']));
    const versions = (await apps[1]!.app.inject({ url: `/api/v1/labels/${labelId}/versions` })).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(versions.map((v: { eventId: string }) => v.eventId)).size).toBe(events.length);
    const [label] = await studyLabels(apps[0]!.app);
    expect(label!.attributes['mean-diameter']).toBe(10 + events.length - 1);
  }, 30_000);

  it('stores an event delivered to both processes at once only once', async () => {
    const event = labelEvent('label.created', nodule(createUuidV7(), 10), at(0));
    const responses = await Promise.all(apps.map(t => t.app.inject({ method: 'POST', url: '/api/v1/events', payload: { clientId, events: [event] } })));
    expect(responses.map(r => r.json().results[0].status).sort()).toEqual(['duplicate', 'stored']);
    expect(await studyLabels(apps[0]!.app)).toHaveLength(1);
  }, 30_000);
});
