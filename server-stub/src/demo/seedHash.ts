import { createHash } from 'node:crypto';

/**
 * Everything seed-dependent (UIDs, noise, jitter, dates) is derived from
 * SHA-256 of (seed, path) rather than from one PRNG stream, so each value
 * depends only on its own path: generating one study, or one slice, alone
 * gives the same bytes as generating the whole set.
 */
export function hashSeedPath(seed: number, path: string): Buffer {
  assertValidSeed(seed);
  return createHash('sha256').update(`readingroom-demo\u0000${seed}\u0000${path}`).digest();
}

export function assertValidSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`The demo seed must be a safe integer, got ${seed}`);
  }
}
