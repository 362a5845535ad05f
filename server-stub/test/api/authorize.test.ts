import type { SessionUser } from '@readingroom/platform-shim';
import { DEVELOPMENT_USER } from '../../src/identity/identityPlugin.js';
import { authorizeDevelopmentUser, type Authorize } from '../../src/services/labeling/authorize.js';
import { createIngestService } from '../../src/services/labeling/createIngestService.js';
import { createProjectService } from '../../src/services/labeling/createProjectService.js';
import { createSchemaCache } from '../../src/services/labeling/createSchemaCache.js';
import { createLabelingStores } from '../../src/stores/labeling/createLabelingStores.js';
import { openTestDatabase } from '../helper.js';
import { clientId, schema } from './labelingFixtures.js';

const stranger: SessionUser = { id: 'someone-else', displayName: 'Someone else', roles: ['labeler'] };

describe('authorizeDevelopmentUser (until roles arrive)', () => {
  it('allows the development user and refuses anyone else with 403', async () => {
    await expect(authorizeDevelopmentUser(DEVELOPMENT_USER, 'project.write')).resolves.toBeUndefined();
    await expect(authorizeDevelopmentUser(stranger, 'project.write')).rejects.toMatchObject({ statusCode: 403, code: 'forbidden' });
  });
});

describe('the authorize seam', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.close());

  it('is asked by the services with the action and resource, and a refusal stores nothing', async () => {
    const asked: string[] = [];
    const refuseSchemas: Authorize = async (user, action, resource) => {
      asked.push(`${user.id} ${action} ${resource?.projectId ?? '-'}`);
      if (action === 'schema.write') throw Object.assign(new Error('no'), { statusCode: 403 });
    };
    const stores = createLabelingStores(database.db);
    const projects = createProjectService({ stores, authorize: refuseSchemas });
    const ingest = createIngestService({ stores, schemas: createSchemaCache(), authorize: refuseSchemas });

    await projects.saveProject(DEVELOPMENT_USER, 'lung', { title: 'Lung' });
    await expect(projects.createSchema(DEVELOPMENT_USER, 'lung', schema)).rejects.toMatchObject({ statusCode: 403 });
    expect(await stores.projects.getSchema('lung', 'latest')).toBeUndefined();
    await ingest.ingest({ clientId, events: [{}] }, DEVELOPMENT_USER);
    expect(asked).toEqual(['dev-labeler project.write lung', 'dev-labeler schema.write lung', 'dev-labeler events.write -']);
  });
});
