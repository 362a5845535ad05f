import { createHash } from 'node:crypto';

/** The 64-bit key of a named advisory lock: the first 8 bytes of SHA-256 of the name, signed. */
export function advisoryLockKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
}
