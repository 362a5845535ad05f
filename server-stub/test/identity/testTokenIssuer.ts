import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/** What a test asks to be put in (or changed about) an access token. */
export interface TokenClaims {
  sub: string;
  roles: string[];
  name?: string;
  /** Defaults to the issuer's audience. */
  aud?: string;
  /** Seconds since the epoch; defaults to five minutes from now. */
  exp?: number;
  /** Sign with a key the issuer never published. */
  unpublishedKey?: boolean;
  /** The provider's sign-in session id, and when the user authenticated (seconds since the epoch). */
  sid?: string;
  auth_time?: number;
}

export interface TestTokenIssuer {
  /** The issuer URL tokens carry, serving discovery and the JWKS on loopback. */
  issuer: string;
  audience: string;
  sign(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

/**
 * A site's OpenID Connect provider as the server sees it: a discovery document and a JWKS over
 * HTTP on loopback, and access tokens signed (RS256) with the private key behind that JWKS. The
 * server verifies them with its real verifier (IDENTITY=oidc), fetching the keys from here.
 */
export async function startTestTokenIssuer(audience = 'urn:readingroom:test-api'): Promise<TestTokenIssuer> {
  const kid = 'test-key-1';
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') return response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (request.url === '/jwks') return response.end(JSON.stringify({ keys: [jwk] }));
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (claims: TokenClaims) => {
    const key: KeyLike = claims.unpublishedKey ? stranger.privateKey : privateKey;
    const session = { ...(claims.sid ? { sid: claims.sid } : {}), ...(claims.auth_time !== undefined ? { auth_time: claims.auth_time } : {}) };
    return new SignJWT({ roles: claims.roles, ...(claims.name ? { name: claims.name } : {}), ...session })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .setSubject(claims.sub)
      .setIssuer(issuer)
      .setAudience(claims.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(key);
  };
  return { issuer, audience, sign, close: () => new Promise(resolve => server.close(() => resolve())) };
}
