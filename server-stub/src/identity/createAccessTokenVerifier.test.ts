import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { createAccessTokenVerifier, IdentityProviderUnavailableError, TokenRejectedError } from './createAccessTokenVerifier.js';

// A provider made in the test: discovery and JWKS over HTTP on loopback, keys generated here.
interface TestKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

let server: Server;
let issuer: string;
let published: TestKey[] = [];
let jwksFetches = 0;

async function makeKey(kid: string, alg = 'RS256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') return response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (request.url === '/jwks') {
      jwksFetches++;
      return response.end(JSON.stringify({ keys: published.map(k => k.jwk) }));
    }
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));

const AUDIENCE = 'urn:test:api';
let key: TestKey;
beforeEach(async () => {
  key = await makeKey('key-1');
  published = [key];
  jwksFetches = 0;
});

const verifier = () => createAccessTokenVerifier({ issuer, audience: AUDIENCE, algorithms: ['RS256', 'ES256'], clockToleranceSeconds: 5, jwksCooldownMs: 0 });

function token(signWith: TestKey, claims: Record<string, unknown> = {}, options: { alg?: string; expiresIn?: string | number; iss?: string; aud?: string } = {}) {
  const jwt = new SignJWT({ roles: ['labeler'], ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: signWith.kid, typ: 'at+jwt' })
    .setSubject('user-1')
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(signWith.privateKey);
}

describe('createAccessTokenVerifier', () => {
  it('accepts a token of the issuer for this audience and answers its claims', async () => {
    await expect(verifier()(await token(key))).resolves.toMatchObject({ sub: 'user-1', roles: ['labeler'], aud: AUDIENCE });
  });

  it('refuses an expired token, allowing the clock tolerance', async () => {
    const verify = verifier();
    const now = Math.floor(Date.now() / 1000);
    await expect(verify(await token(key, {}, { expiresIn: now - 60 }))).rejects.toThrow(new TokenRejectedError('The access token expired: sign in again'));
    await expect(verify(await token(key, {}, { expiresIn: now - 2 }))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('refuses a token meant for another audience', async () => {
    await expect(verifier()(await token(key, {}, { aud: 'urn:other:api' }))).rejects.toThrow(/another audience/);
  });

  it('refuses a token of another issuer', async () => {
    await expect(verifier()(await token(key, {}, { iss: 'https://elsewhere.example/' }))).rejects.toThrow(/another identity provider/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'user-1', iss: issuer, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })}.`;
    await expect(verifier()(unsigned)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('refuses an HMAC token made with the public key as secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key.jwk));
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: key.kid }).setSubject('user-1').setIssuer(issuer).setAudience(AUDIENCE).setExpirationTime('5m').sign(secret);
    await expect(verifier()(forged)).rejects.toThrow(/algorithm this server does not accept/);
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, payload, signature] = (await token(key)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['site-admin'] })).toString('base64url');
    await expect(verifier()(`${header}.${promoted}.${signature}`)).rejects.toThrow(/signature is not valid/);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const stranger = await makeKey('key-1'); // same kid, other key
    await expect(verifier()(await token(stranger))).rejects.toThrow(/signature is not valid/);
    const unknownKid = await makeKey('never-published');
    await expect(verifier()(await token(unknownKid))).rejects.toThrow(/key the identity provider does not publish/);
  });

  it('fetches the JWKS again for an unknown key id (key rotation), and caches it otherwise', async () => {
    const verify = verifier();
    await verify(await token(key));
    await verify(await token(key));
    expect(jwksFetches).toBe(1);
    const rotated = await makeKey('key-2', 'ES256');
    published = [key, rotated];
    await expect(verify(await token(rotated, {}, { alg: 'ES256' }))).resolves.toMatchObject({ sub: 'user-1' });
    expect(jwksFetches).toBe(2);
  });

  it('says the provider is unavailable when its discovery document cannot be read', async () => {
    const verify = createAccessTokenVerifier({ issuer: `${issuer}/missing`, audience: AUDIENCE, algorithms: ['RS256'], clockToleranceSeconds: 0 });
    await expect(verify(await token(key))).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
  });
});
