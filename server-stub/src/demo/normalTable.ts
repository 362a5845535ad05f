import { SeededRandom } from './prng.js';

export const NORMAL_TABLE_SIZE = 65536;

let cached: Float32Array | undefined;

/**
 * 65536 standard normal deviates, fixed for all seeds. Per-pixel noise then
 * costs one table lookup per 16 random bits instead of a log, sqrt and cos,
 * which keeps tens of millions of noisy pixels within the start-up budget.
 * Built on first use, never at import time.
 */
export function getNormalTable(): Float32Array {
  if (!cached) {
    const rng = SeededRandom.forPath(0, 'normal-table');
    const table = new Float32Array(NORMAL_TABLE_SIZE);
    for (let i = 0; i < NORMAL_TABLE_SIZE; i++) table[i] = rng.gaussian();
    cached = table;
  }
  return cached;
}
