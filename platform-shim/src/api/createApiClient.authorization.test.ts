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
