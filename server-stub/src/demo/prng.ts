import { hashSeedPath } from './seedHash.js';

// Module-scope aliases: under jest, code runs in a vm context where every
// global lookup (even `Math`) is slow, and this is the hottest loop we have.
const { imul, sqrt, log, cos, PI } = Math;

/**
 * xoshiro128** (Blackman and Vigna): small state, fast with 32-bit integer
 * operations, good enough statistics for image noise. Not cryptographic.
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: Uint8Array) {
    if (state.length < 16) throw new RangeError('SeededRandom needs 16 bytes of state');
    const view = new DataView(state.buffer, state.byteOffset, 16);
    this.s0 = view.getUint32(0, true);
    this.s1 = view.getUint32(4, true);
    this.s2 = view.getUint32(8, true);
    this.s3 = view.getUint32(12, true);
    // The all-zero state is a fixed point of the generator.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9;
  }

  /** One independent stream per (seed, path); see hashSeedPath. */
  static forPath(seed: number, path: string): SeededRandom {
    return new SeededRandom(hashSeedPath(seed, path));
  }

  nextUint32(): number {
    const result = imul(rotl(imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Standard normal deviate (Box-Muller); for per-pixel noise use the normal table instead. */
  gaussian(): number {
    const u = 1 - this.next();
    return sqrt(-2 * log(u)) * cos(2 * PI * this.next());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
