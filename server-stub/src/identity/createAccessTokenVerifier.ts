import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface AccessTokenVerifierOptions {
  /** The issuer URL tokens must carry; a function when it is known only once the server listens (demo provider on PORT=0). */
  issuer: string | (() => string);
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** Overrides the provider's announced jwks_uri. */
  jwksUrl?: string;
  /** How long fetched keys are trusted before they are fetched again, in ms (default 10 min). */
  jwksCacheMs?: number;
  /** Least time between two JWKS fetches caused by an unknown key id, in ms (default 30 s). */
  jwksCooldownMs?: number;
  /** Give up on the provider after this long, in ms (default 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Why a token was refused, in words a client developer can act on (never the token itself). */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';
  constructor(
    message: string,
    /** RFC 6750 error code for WWW-Authenticate. */
    readonly oauthError: 'invalid_token' = 'invalid_token',
  ) {
    super(message);
  }
}

/** The provider could not be asked (discovery or JWKS unreachable): not the caller's fault. */
export class IdentityProviderUnavailableError extends Error {
  override name = 'IdentityProviderUnavailableError';
}

export type AccessTokenVerifier = (token: string) => Promise<JWTPayload>;

/**
 * Verifies OAuth 2.0 access tokens that are JWTs (RFC 9068) with `jose`: signature by a key of
 * the provider's JWKS (fetched from its discovery document, cached, fetched again for an
 * unknown key id), an allowlisted asymmetric algorithm, issuer, audience, expiry and not-before
 * within the clock tolerance.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const issuer = typeof options.issuer === 'function' ? options.issuer : () => options.issuer as string;
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  const loadKeySet = async () => {
    const jwksUrl = options.jwksUrl ?? (await discoverJwksUrl(issuer(), doFetch, timeoutMs));
    return createRemoteJWKSet(new URL(jwksUrl), {
      cacheMaxAge: options.jwksCacheMs ?? 10 * 60_000,
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      timeoutDuration: timeoutMs,
    });
  };

  return async token => {
    keySet ??= loadKeySet();
    // A failed discovery is tried again on the next request rather than remembered.
    const keys = await keySet.catch(error => {
      keySet = undefined;
      throw error;
    });
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: issuer(),
        audience: options.audience,
        algorithms: options.algorithms,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch (error) {
      throw describeVerificationError(error);
    }
  };
}

async function discoverJwksUrl(issuer: string, doFetch: typeof fetch, timeoutMs: number): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw new IdentityProviderUnavailableError(`The identity provider's discovery document could not be read (${(error as Error).message})`);
  }
  // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
  if (document.issuer !== issuer) throw new IdentityProviderUnavailableError('The identity provider\'s discovery document names another issuer than OIDC_ISSUER');
  if (typeof document.jwks_uri !== 'string') throw new IdentityProviderUnavailableError('The identity provider\'s discovery document has no jwks_uri');
  return document.jwks_uri;
}

function describeVerificationError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new TokenRejectedError('The access token expired: sign in again');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'iss') return new TokenRejectedError('The access token was issued by another identity provider');
    if (claim === 'aud') return new TokenRejectedError('The access token is meant for another audience than this server');
    if (claim === 'nbf' || claim === 'iat') return new TokenRejectedError('The access token is not valid yet (check the clocks)');
    return new TokenRejectedError(`The access token lacks a valid "${claim}" claim`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new TokenRejectedError('The access token is signed with an algorithm this server does not accept');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejectedError('The access token\'s signature is not valid');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRejectedError('The access token is signed with a key the identity provider does not publish');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JWKInvalid) {
    return new TokenRejectedError('The access token is not a well-formed signed JWT');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
    return new IdentityProviderUnavailableError('The identity provider\'s keys could not be fetched');
  }
  return error instanceof Error ? error : new Error(String(error));
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof errors.JOSEError === false && error instanceof TypeError;
}
