import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ApiError, createApiClient } from './createApiClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('createApiClient: the signed-in user', () => {
  it("sends the host's access token on reads and on event batches", async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get('https://rr.example/api/v1/session', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ user: { id: 'u', displayName: 'U', roles: ['labeler'] }, identity: 'oidc' });
      }),
      http.post('https://rr.example/api/v1/events', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ results: [] });
      }),
    );
    let token = 'token-1';
    const api = createApiClient({ apiBase: 'https://rr.example/api/v1', getAuthorizationHeader: async () => ({ Authorization: `Bearer ${token}` }) });
    await api.getSession();
    token = 'token-2';
    await api.postEvents('client', []);
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it("turns the server's 401 into an ApiError the outbox keeps events for", async () => {
    server.use(http.get('https://rr.example/api/v1/session', () => HttpResponse.json({ error: 'invalid_token', message: 'The access token expired: sign in again' }, { status: 401 })));
    const api = createApiClient({ apiBase: 'https://rr.example/api/v1', getAuthorizationHeader: async () => ({ Authorization: 'Bearer old' }) });
    await expect(api.getSession()).rejects.toEqual(new ApiError(401, 'invalid_token', 'The access token expired: sign in again'));
  });
});

describe('createApiClient: refusals', () => {
  it('tells the user why a read was refused (403), once per message, and not for refused writes', async () => {
    const denial = { error: 'forbidden', message: 'Not allowed (project.read): this study is not part of a project you are a member of' };
    server.use(
      http.get('https://rr.example/api/v1/studies/:uid/projects', () => HttpResponse.json(denial, { status: 403 })),
      http.post('https://rr.example/api/v1/events', () => HttpResponse.json({ error: 'forbidden', message: 'no' }, { status: 403 })),
    );
    const told: string[] = [];
    const api = createApiClient({ apiBase: 'https://rr.example/api/v1', getAuthorizationHeader: async () => undefined, onAccessDenied: error => told.push(error.message) });
    await expect(api.listStudyProjects('1.2.3')).rejects.toMatchObject({ status: 403 });
    await expect(api.postEvents('client', [])).rejects.toMatchObject({ status: 403 });
    expect(told).toEqual([denial.message]);
  });
});
