import { getDemoStudyGenerator } from '../../src/demo/generateDemoStudies.js';
import { demoProjects } from '../../src/demo/schemas/demoProjects.js';
import { seedDemoProjects } from '../../src/services/labeling/seedDemoProjects.js';
import { buildTestApp, type TestApp } from '../helper.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(() => t.close());

describe('seedDemoProjects', () => {
  it('creates each demo project with its schema as version 1 and its demo studies, once', async () => {
    expect(await seedDemoProjects(t.app.projectService, { seed: 7 })).toEqual(['lung-nodules-ct', 'cr-chest-findings']);
    const ct = getDemoStudyGenerator('ct-chest').describe({ seed: 7 }).StudyInstanceUID;
    const projects = (await t.app.inject({ url: `/api/v1/studies/${ct}/projects` })).json().projects;
    expect(projects).toEqual([expect.objectContaining({ project: expect.objectContaining({ projectId: 'lung-nodules-ct', latestSchemaVersion: 1 }), schema: expect.objectContaining({ version: 1, definition: demoProjects[0]!.schema }) })]);
    const cr = getDemoStudyGenerator('cr-chest').describe({ seed: 7 }).StudyInstanceUID;
    expect((await t.app.inject({ url: `/api/v1/studies/${cr}/projects` })).json().projects[0].project.projectId).toBe('cr-chest-findings');

    // A restart seeds nothing and keeps what an admin changed.
    await t.app.inject({ method: 'POST', url: '/api/v1/projects/lung-nodules-ct/schemas', payload: { ...demoProjects[0]!.schema, title: 'Revised' } });
    expect(await seedDemoProjects(t.app.projectService, { seed: 7 })).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/projects/lung-nodules-ct/schemas/latest' })).json().version).toBe(2);
  });
});
