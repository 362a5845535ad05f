import type { SeededRandom } from '../prng.js';

/**
 * Smooth random texture: uniform random values on a coarse lattice
 * (`cellSize` pixels apart), bilinearly interpolated and written to `out`
 * (values in [0, 1)). Good enough to suggest fibroglandular tissue or
 * coil-sensitivity shading without per-pixel random calls.
 */
export function fillValueNoise(out: Float32Array, columns: number, rows: number, cellSize: number, rng: SeededRandom): void {
  const latticeColumns = Math.ceil(columns / cellSize) + 2;
  const latticeRows = Math.ceil(rows / cellSize) + 2;
  const lattice = new Float32Array(latticeColumns * latticeRows);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next();
  const inverse = 1 / cellSize;
  for (let row = 0; row < rows; row++) {
    const ly = row * inverse;
    const y0 = ly | 0;
    const fy = ly - y0;
    // Plain linear weights: smoothstep flattens every lattice cell into a visible tile.
    const wy = fy;
    const top = y0 * latticeColumns;
    const bottom = top + latticeColumns;
    for (let column = 0; column < columns; column++) {
      const lx = column * inverse;
      const x0 = lx | 0;
      const fx = lx - x0;
      const wx = fx;
      const a = lattice[top + x0] ?? 0;
      const b = lattice[top + x0 + 1] ?? 0;
      const c = lattice[bottom + x0] ?? 0;
      const d = lattice[bottom + x0 + 1] ?? 0;
      const upper = a + (b - a) * wx;
      const lower = c + (d - c) * wx;
      out[row * columns + column] = upper + (lower - upper) * wy;
    }
  }
}
