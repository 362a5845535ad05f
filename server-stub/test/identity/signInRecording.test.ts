import { loadIdentityConfig } from '../../src/identity/identityConfig.js';
import { parseCanonicalRecord } from '../../src/ledger/core/index.js';
import { buildTestApp, testDialect, type TestApp } from '../helper.js';
import { readAllRecords } from '../ledger/ledgerTestSupport.js';
import { createTestDatabaseUrl, type TestDatabaseUrl } from '../testDatabase.js';
import { startTestTokenIssuer, type TestTokenIssuer, type TokenClaims } from './testTokenIssuer.js';

jest.setTimeout(60_000);

// Two server processes' worth of apps on one database, with the site's own provider (IDENTITY=oidc).
let issuer: TestTokenIssuer;
let database: TestDatabaseUrl;
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  issuer = await startTestTokenIssuer();
  database = await createTestDatabaseUrl();
  const identity = loadIdentityConfig({ IDENTITY: 'oidc', OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: issuer.audience, OIDC_CLIENT_ID: 'test-viewer' });
  first = await buildTestApp({ databaseUrl: database.url, identity });
  second = await buildTestApp({ databaseUrl: database.url, identity });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
  await issuer?.close();
});

const labeler = { sub: 'u-labeler', roles: ['labeler'] };

async function get(app: TestApp, claims: TokenClaims) {
  const response = await app.app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${await issuer.sign(claims)}` } });
  expect(response.statusCode).toBe(200);
}

/** The user.login records in the shared ledger: who, and which sign-in (hashed). */
async function logins() {
  await first.app.auditRecorder.flush();
  await second.app.auditRecorder.flush();
  return (await readAllRecords(first.app.database))
    .map(parseCanonicalRecord)
    .filter(r => r.kind === 'user.login')
    .map(r => ({ userId: r.actor.userId, role: r.actor.role, session: r.detail.signInSession as string, identityProvider: r.detail.identityProvider }));
}

describe(`user.login with any OpenID Connect provider (${testDialect})`, () => {
  it('records one login per sign-in session (sid), however many requests and tokens it has, and across server processes on one database', async () => {
    await get(first, { ...labeler, sid: 'session-1' });
    await get(first, { ...labeler, sid: 'session-1', exp: Math.floor(Date.now() / 1000) + 600 });
    await get(second, { ...labeler, sid: 'session-1' });
    const once = await logins();
    expect(once).toEqual([{ userId: 'u-labeler', role: 'labeler', session: expect.stringMatching(/^[0-9a-f]{64}$/), identityProvider: issuer.issuer }]);

    await get(second, { ...labeler, sid: 'session-2' });
    await get(first, { ...labeler, sid: 'session-2' });
    expect((await logins()).map(l => l.session)).toEqual([once[0]!.session, expect.not.stringMatching(once[0]!.session)]);
  });

  it('without sid, the subject and auth_time name the sign-in; a token naming neither records no login', async () => {
    const before = (await logins()).length;
    const signedInAt = Math.floor(Date.now() / 1000) - 60;
    await get(first, { sub: 'u-reviewer', roles: ['reviewer'], auth_time: signedInAt });
    await get(second, { sub: 'u-reviewer', roles: ['reviewer'], auth_time: signedInAt });
    await get(first, { sub: 'u-reviewer', roles: ['reviewer'], auth_time: signedInAt + 30 });
    await get(first, { sub: 'u-auditor', roles: ['auditor'] });
    expect((await logins()).slice(before).map(l => l.userId)).toEqual(['u-reviewer', 'u-reviewer']);
  });

  it('records one login when both processes see the first requests of a new sign-in at the same time', async () => {
    const before = (await logins()).length;
    const claims = { ...labeler, sid: 'session-3' };
    await Promise.all([get(first, claims), get(second, claims), get(first, claims), get(second, claims)]);
    expect((await logins()).length).toBe(before + 1);
  });

  it('a sign-out the viewer reports is recorded as user.logout of that sign-in; without a token it is refused', async () => {
    const claims = { ...labeler, sid: 'session-4' };
    await get(first, claims);
    const response = await first.app.inject({ method: 'POST', url: '/api/v1/session/sign-out', headers: { authorization: `Bearer ${await issuer.sign(claims)}` } });
    expect([response.statusCode, response.json()]).toEqual([200, { recorded: true }]);
    const records = (await readAllRecords(first.app.database)).map(parseCanonicalRecord);
    const login = records.filter(r => r.kind === 'user.login').at(-1)!;
    const logout = records.filter(r => r.kind === 'user.logout');
    expect(logout.map(r => [r.actor.userId, r.detail.reportedBy, r.detail.signInSession])).toEqual([['u-labeler', 'client', login.detail.signInSession]]);
    expect((await first.app.inject({ method: 'POST', url: '/api/v1/session/sign-out' })).statusCode).toBe(401);
  });
});
