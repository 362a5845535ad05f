import { testDialect } from '../helper.js';
import { buildOidcTestApp, PEOPLE, type AccessWorld } from './accessWorld.js';

jest.setTimeout(60_000);

let world: AccessWorld;
beforeAll(async () => {
  world = await buildOidcTestApp();
});
afterAll(() => world?.close());

const now = () => Math.floor(Date.now() / 1000);

// Each case: the Authorization header, the message the caller gets, the OAuth error code of the
// WWW-Authenticate challenge (RFC 6750). The JSON error is invalid_token for a token that fails
// verification, unauthorized when there is none to verify.
const CASES: Array<[string, () => Promise<string | undefined>, RegExp, string | undefined]> = [
  ['no token', async () => undefined, /^Sign in first: this request needs an access token/, undefined],
  ['a header that is not a bearer token', async () => 'Basic dXNlcjpwYXNz', /^The Authorization header must be "Bearer <access token>"$/, 'invalid_request'],
  ['an expired token', async () => `Bearer ${await world.issuer.sign({ ...PEOPLE['site-admin'], exp: now() - 600 })}`, /expired/, 'invalid_token'],
  ['a token for another audience', async () => `Bearer ${await world.issuer.sign({ ...PEOPLE['site-admin'], aud: 'urn:some-other:api' })}`, /another audience/, 'invalid_token'],
  ['a token signed with a key the provider never published', async () => `Bearer ${await world.issuer.sign({ ...PEOPLE['site-admin'], unpublishedKey: true })}`, /.+/, 'invalid_token'],
];

describe(`requests without a valid access token (${testDialect})`, () => {
  it.each(CASES)('%s: 401 on the API and DICOMweb, with WWW-Authenticate, and recorded as access.denied', async (_name, header, message, oauthError) => {
    const authorization = await header();
    const before = (await world.ledger()).length;
    for (const url of ['/api/v1/projects', '/dicomweb/studies']) {
      const response = await world.t.app.inject({ url, headers: { accept: 'application/json, application/dicom+json', ...(authorization ? { authorization } : {}) } });
      expect(response.statusCode).toBe(401);
      const body = response.json();
      expect(body).toEqual({ error: oauthError === 'invalid_token' ? 'invalid_token' : 'unauthorized', message: expect.stringMatching(message) });
      const challenge = response.headers['www-authenticate'];
      expect(challenge).toBe(oauthError ? `Bearer realm="readingroom", error="${oauthError}", error_description="${body.message.replace(/"/g, "'")}"` : 'Bearer realm="readingroom"');
    }
    const denials = (await world.ledger()).slice(before);
    expect(denials.map(r => [r.kind, r.actor.userId, r.detail.status, r.detail.route, r.detail.method])).toEqual([
      ['access.denied', 'anonymous', 401, '/api/v1/projects', 'GET'],
      ['access.denied', 'anonymous', 401, '/dicomweb/studies', 'GET'],
    ]);
    expect(denials.every(r => typeof r.detail.reason === 'string' && message.test(r.detail.reason))).toBe(true);
  });

  it('the same person with a valid token is let in (the refusals above are about the token only)', async () => {
    const response = await world.as('site-admin', { url: '/api/v1/session' });
    expect([response.statusCode, response.json().user]).toEqual([200, { id: PEOPLE['site-admin'].sub, displayName: PEOPLE['site-admin'].sub, roles: ['site-admin'] }]);
  });
});
