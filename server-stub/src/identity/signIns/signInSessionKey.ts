import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';

/**
 * Which sign-in an access token belongs to, whatever the provider: the session id (`sid`) the
 * provider put in the token, or else the subject with the time they authenticated (`auth_time`).
 * Refreshed tokens of one sign-in share it; a new sign-in gets a new one. Hashed with the issuer
 * (fixed length, no provider identifiers kept). Undefined when the token names no sign-in.
 */
export function signInSessionKey(claims: JWTPayload): string | undefined {
  const sid = typeof claims.sid === 'string' && claims.sid.length > 0 ? claims.sid : undefined;
  const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : undefined;
  if (!claims.sub || (sid === undefined && authTime === undefined)) return undefined;
  const parts = sid !== undefined ? [claims.iss ?? '', 'sid', sid] : [claims.iss ?? '', 'sub+auth_time', claims.sub, String(authTime)];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
