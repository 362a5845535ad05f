import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ApiError, createApiClient } from './createApiClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = createApiClient({ apiBase: 'https://rr.example/api/v1/' });

describe('createApiClient', () => {
  it('reads the session from the API base', async () => {
    server.use(http.get('https://rr.example/api/v1/session', () => HttpResponse.json({ user: { id: 'u', displayName: 'U', roles: [] }, identity: 'development' })));
    expect((await api.getSession()).user.id).toBe('u');
  });

  it('escapes the study UID in the labels path', async () => {
    let seen = '';
    server.use(
      http.get('https://rr.example/api/v1/studies/:uid/labels', ({ params }) => {
        seen = String(params.uid);
        return HttpResponse.json({ labels: [] });
      }),
    );
    expect(await api.listStudyLabels('1.2.3')).toEqual([]);
    expect(seen).toBe('1.2.3');
  });

  it("lists a study's projects with the schema each labels it with", async () => {
    const project = { projectId: 'lung', title: 'Lung nodules', latestSchemaVersion: 2 };
    server.use(http.get('https://rr.example/api/v1/studies/1.2.3/projects', () => HttpResponse.json({ projects: [{ project, schema: null }] })));
    expect(await api.listStudyProjects('1.2.3')).toEqual([{ project, schema: null }]);
  });

  it("asks for one project's labels of a study", async () => {
    let projectId: string | null = null;
    server.use(
      http.get('https://rr.example/api/v1/studies/1.2.3/labels', ({ request }) => {
        projectId = new URL(request.url).searchParams.get('projectId');
        return HttpResponse.json({ labels: [] });
      }),
    );
    await api.listStudyLabels('1.2.3', 'lung');
    expect(projectId).toBe('lung');
  });

  it('asks for the next case after the one just submitted, and says when none is left', async () => {
    const next = { projectId: 'lung', StudyInstanceUID: '1.2.4', status: 'not-started', labelCount: 0 };
    server.use(
      http.get('https://rr.example/api/v1/projects/lung/cases/next', ({ request }) =>
        HttpResponse.json({ case: new URL(request.url).searchParams.get('after') === '1.2.3' ? next : null }),
      ),
    );
    expect(await api.getNextCase('lung', '1.2.3')).toEqual(next);
    expect(await api.getNextCase('lung', '1.2.4')).toBeNull();
  });

  it('posts events as JSON with the client id', async () => {
    let body: unknown;
    server.use(
      http.post('https://rr.example/api/v1/events', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ results: [] });
      }),
    );
    await api.postEvents('client-1', []);
    expect(body).toEqual({ clientId: 'client-1', events: [] });
  });

  it("turns an error answer into an ApiError with the server's code and message", async () => {
    server.use(http.get('https://rr.example/api/v1/session', () => HttpResponse.json({ error: 'forbidden', message: 'Not for you' }, { status: 403 })));
    await expect(api.getSession()).rejects.toEqual(new ApiError(403, 'forbidden', 'Not for you'));
  });

  it('copes with a non-JSON error page (a proxy in the way)', async () => {
    server.use(http.get('https://rr.example/api/v1/session', () => new HttpResponse('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(api.getSession()).rejects.toMatchObject({ status: 502, code: 'http_502', message: '502 Bad Gateway' });
  });

  it('lets a network failure through as such (the queue reports it as offline)', async () => {
    server.use(http.get('https://rr.example/api/v1/session', () => HttpResponse.error()));
    await expect(api.getSession()).rejects.toBeInstanceOf(TypeError);
  });
});
