import { buildTestApp, testDialect, type TestApp } from '../helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('service endpoints', () => {
  it('GET /healthz reports ok and the storage backend', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: testDialect, version: '0.1.0' });
  });

  it('GET /api/v1/session names the development user and says it is a development identity', async () => {
    expect((await t.app.inject({ url: '/api/v1/session' })).json()).toEqual({
      user: { id: 'dev-labeler', displayName: 'Development user', roles: ['labeler'] },
      identity: 'development',
    });
  });

  it('GET /api/v1/openapi.json describes the API', async () => {
    const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/events', '/api/v1/session', '/api/v1/studies/{StudyInstanceUID}/labels', '/healthz']),
    );
    expect(document.paths['/api/v1/events'].post.responses['200']).toBeDefined();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('development identity', () => {
  it.each(['0.0.0.0', '192.168.1.20', '::'])('is refused when the server binds to %s', async host => {
    await expect(buildTestApp({ host })).rejects.toThrow(/development identity is allowed only on loopback/);
  });

  it.each(['127.0.0.1', 'localhost', '::1', '127.0.0.2'])('is allowed on loopback address %s', async host => {
    const app = await buildTestApp({ host });
    await app.close();
  });
});
