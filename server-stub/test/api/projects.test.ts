import { buildTestApp, type TestApp } from '../helper.js';
import { OTHER_STUDY, STUDY, createLungProject, schema } from './labelingFixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(() => t.close());

const request = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

describe('projects', () => {
  it('creates (201), updates (200) and lists projects with their latest schema version', async () => {
    expect((await request('PUT', '/projects/lung', { title: 'Lung' })).statusCode).toBe(201);
    const updated = await request('PUT', '/projects/lung', { title: 'Lung nodules', description: 'Screening' });
    expect([updated.statusCode, updated.json()]).toEqual([200, { projectId: 'lung', title: 'Lung nodules', description: 'Screening' }]);
    await request('POST', '/projects/lung/schemas', schema);
    expect((await request('GET', '/projects')).json()).toEqual({ projects: [{ projectId: 'lung', title: 'Lung nodules', description: 'Screening', latestSchemaVersion: 1 }] });
    expect((await request('GET', '/projects/lung')).json().latestSchemaVersion).toBe(1);
  });

  it.each([
    ['an id that is not a slug', '/projects/Lung%20Nodules', { title: 'x' }],
    ['a missing title', '/projects/lung', {}],
    ['an unknown field', '/projects/lung', { title: 'x', owner: 'me' }],
  ])('rejects %s with 400', async (_name, url, body) => {
    const response = await request('PUT', url, body);
    expect([response.statusCode, response.json().error]).toEqual([400, 'bad_request']);
  });

  it('answers 404 for an unknown project', async () => {
    expect((await request('GET', '/projects/nope')).statusCode).toBe(404);
    expect((await request('PUT', `/projects/nope/studies/${STUDY}`)).statusCode).toBe(404);
    expect((await request('POST', '/projects/nope/schemas', schema)).statusCode).toBe(404);
  });
});

describe('study membership', () => {
  it('adds (idempotently) and removes studies, and lists the projects of a study with their latest schema', async () => {
    await createLungProject(t.app);
    const again = await request('PUT', `/projects/lung/studies/${STUDY}`);
    expect(again.json()).toEqual({ projectId: 'lung', StudyInstanceUID: STUDY, addedAt: expect.any(String) });
    const projects = (await request('GET', `/studies/${STUDY}/projects`)).json().projects;
    expect(projects).toEqual([{ project: { projectId: 'lung', title: 'Lung nodules', latestSchemaVersion: 1 }, schema: expect.objectContaining({ projectId: 'lung', version: 1, definition: schema }) }]);
    expect((await request('GET', `/studies/${OTHER_STUDY}/projects`)).json()).toEqual({ projects: [] });

    expect((await request('DELETE', `/projects/lung/studies/${STUDY}`)).statusCode).toBe(204);
    expect((await request('DELETE', `/projects/lung/studies/${STUDY}`)).statusCode).toBe(404);
    expect((await request('GET', `/studies/${STUDY}/projects`)).json()).toEqual({ projects: [] });
  });

  it('lists a project without a schema with schema null', async () => {
    await request('PUT', '/projects/empty', { title: 'Empty' });
    await request('PUT', `/projects/empty/studies/${STUDY}`);
    expect((await request('GET', `/studies/${STUDY}/projects`)).json().projects).toEqual([{ project: { projectId: 'empty', title: 'Empty' }, schema: null }]);
  });
});

describe('label schemas', () => {
  beforeEach(async () => {
    await request('PUT', '/projects/lung', { title: 'Lung' });
  });

  it('stores immutable, numbered versions and serves each and the latest', async () => {
    const first = await request('POST', '/projects/lung/schemas', schema);
    expect([first.statusCode, first.json()]).toEqual([201, { projectId: 'lung', version: 1, createdAt: expect.any(String), createdBy: 'dev-labeler', definition: schema }]);
    const revised = { ...schema, title: 'Lung nodules v2' };
    expect((await request('POST', '/projects/lung/schemas', revised)).json().version).toBe(2);
    expect((await request('GET', '/projects/lung/schemas/latest')).json().definition.title).toBe('Lung nodules v2');
    expect((await request('GET', '/projects/lung/schemas/1')).json().definition).toEqual(schema);
    expect((await request('GET', '/projects/lung/schemas/3')).statusCode).toBe(404);
    expect((await request('GET', '/projects/lung/schemas/zero')).statusCode).toBe(400);
  });

  it('answers 404 for the latest schema of a project that has none', async () => {
    expect((await request('GET', '/projects/lung/schemas/latest')).json()).toMatchObject({ error: 'not_found' });
  });

  it('rejects an invalid schema with 400 and every problem, by JSON pointer, and stores nothing', async () => {
    const broken = structuredClone(schema) as { findingTypes: Array<Record<string, unknown>> };
    broken.findingTypes.push({ ...broken.findingTypes[0]! });
    broken.findingTypes[1]!.id = 'no-finding';
    const response = await request('POST', '/projects/lung/schemas', broken);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_schema', message: expect.stringContaining('2 problem') });
    expect(response.json().details).toEqual([
      '/findingTypes/1/id: "no-finding" is reserved for the explicit no-finding answer',
      '/findingTypes/2/id: duplicate finding type id "nodule"',
    ]);
    expect((await request('GET', '/projects/lung/schemas/latest')).statusCode).toBe(404);
  });

  it('names where a shape problem is', async () => {
    const response = await request('POST', '/projects/lung/schemas', { title: 'x', findingTypes: [{ id: 'n' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.join('\n')).toContain('/findingTypes/0/');
  });
});

describe('OpenAPI', () => {
  it('describes every labeling route', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/api/v1/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/projects',
        '/api/v1/projects/{projectId}',
        '/api/v1/projects/{projectId}/studies/{StudyInstanceUID}',
        '/api/v1/studies/{StudyInstanceUID}/projects',
        '/api/v1/projects/{projectId}/schemas',
        '/api/v1/projects/{projectId}/schemas/latest',
        '/api/v1/projects/{projectId}/schemas/{version}',
        '/api/v1/studies/{StudyInstanceUID}/labels',
        '/api/v1/studies/{StudyInstanceUID}/label-versions',
        '/api/v1/labels/{labelId}/versions',
        '/api/v1/projects/{projectId}/cases',
        '/api/v1/projects/{projectId}/cases/next',
        '/api/v1/reports/timing',
        '/api/v1/events',
      ]),
    );
  });
});
