import { decodeJwt } from 'jose';
import { startDemoServer, type DemoServer } from './startDemoServer.js';

let server: DemoServer;
// Starting a server process takes a few seconds on a busy machine.
jest.setTimeout(60_000);
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(() => server?.stop());

describe('the demo identity provider (IDENTITY=demo)', () => {
  it('signs a demo user in with authorization code + PKCE and issues a JWT access token for the API with their roles', async () => {
    const tokens = await server.signIn('reviewer');
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: server.issuer, aud: 'urn:readingroom:api', sub: 'demo-reviewer', roles: ['reviewer'] });
    // sid: which sign-in the token belongs to, for the server's user.login record (signIns/).
    expect(claims.sid).toEqual(expect.any(String));
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const session = await fetch(`${server.url}/api/v1/session`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect([session.status, await session.json()]).toEqual([200, { user: { id: 'demo-reviewer', displayName: 'Rita Reviewer', roles: ['reviewer'] }, identity: 'oidc' }]);
  });

  it('refuses a wrong password on its sign-in page', async () => {
    await expect(server.signIn('no-such-user')).rejects.toThrow(/sign-in refused \(401\)/);
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = `${server.issuer}/auth?client_id=readingroom-viewer&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${server.url}/callback`)}`;
    const response = await fetch(url, { redirect: 'manual' });
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('answers API and DICOMweb requests without a token with 401, WWW-Authenticate and a JSON error', async () => {
    for (const path of ['/api/v1/projects', '/dicomweb/studies']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'application/json, application/dicom+json' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="readingroom"');
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(/^Sign in first/) });
    }
    const bad = await fetch(`${server.url}/api/v1/projects`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer realm="readingroom", error="invalid_token", error_description="/);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_token');
  });

  it('keeps the viewer, its configuration and /healthz public, and names the provider in /app-config.js', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const config = await (await fetch(`${server.url}/app-config.js`)).text();
    expect(config).toContain(`"authority": "${server.issuer}"`);
    expect(config).toContain('"client_id": "readingroom-viewer"');
    expect(config).toContain('"response_type": "code"');
  });
});
