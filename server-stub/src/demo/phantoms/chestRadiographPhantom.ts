// A synthetic chest radiograph as a projection: each structure adds (or, for
// air in the lungs, removes) attenuation along the beam; brighter means more
// attenuation (MONOCHROME2). Coordinates in millimetres on the detector:
// +x to the image's right, +y downwards, (0, 0) at the top centre.
import { getNormalTable } from '../normalTable.js';
import type { SeededRandom } from '../prng.js';
import type { PixelGrid } from './pixelGrid.js';
import { addEllipsoidProjection } from './pixelGrid.js';

// Module-scope aliases: these run per pixel, and under jest (a vm context)
// every global lookup, `Math` included, is slow.
const { sqrt, max, min, exp } = Math;

export type ChestRadiographView = 'PA' | 'LATERAL';

/**
 * Adds a curved band (rib, clavicle) whose centre line is y = curve(x) for x
 * in [x0, x1], fading out over the last fifth at each end.
 */
function addBand(
  attenuation: Float32Array,
  grid: PixelGrid,
  x0: number,
  x1: number,
  curve: (x: number) => number,
  halfThickness: number,
  weight: number,
): void {
  const firstColumn = max(0, Math.ceil((min(x0, x1) - grid.originX) / grid.spacing));
  const lastColumn = min(grid.columns - 1, Math.floor((max(x0, x1) - grid.originX) / grid.spacing));
  const span = Math.abs(x1 - x0);
  for (let column = firstColumn; column <= lastColumn; column++) {
    const x = grid.originX + column * grid.spacing;
    const along = Math.abs(x - x0) / span;
    const fade = min(1, along * 5, (1 - along) * 5);
    const centerY = curve(x);
    const firstRow = max(0, Math.ceil((centerY - halfThickness - grid.originY) / grid.spacing));
    const lastRow = min(grid.rows - 1, Math.floor((centerY + halfThickness - grid.originY) / grid.spacing));
    for (let row = firstRow; row <= lastRow; row++) {
      const d = (grid.originY + row * grid.spacing - centerY) / halfThickness;
      const index = row * grid.columns + column;
      attenuation[index] = (attenuation[index] ?? 0) + fade * weight * sqrt(max(0, 1 - d * d));
    }
  }
}

function addPaAnatomy(a: Float32Array, grid: PixelGrid): void {
  addEllipsoidProjection(a, grid, 0, 40, 50, 90, 0.6);
  addEllipsoidProjection(a, grid, 0, 300, 168, 290, 1.0);
  addEllipsoidProjection(a, grid, -140, 125, 75, 50, 0.45);
  addEllipsoidProjection(a, grid, 140, 125, 75, 50, 0.45);
  addEllipsoidProjection(a, grid, -78, 225, 68, 135, -0.85);
  addEllipsoidProjection(a, grid, 76, 230, 64, 130, -0.8);
  addEllipsoidProjection(a, grid, 0, 170, 30, 110, 0.3);
  addEllipsoidProjection(a, grid, 22, 290, 78, 62, 0.55);
  addEllipsoidProjection(a, grid, 0, 360, 150, 70, 0.35);
  addEllipsoidProjection(a, grid, 0, 220, 17, 330, 0.35);
  for (const side of [-1, 1]) {
    addBand(a, grid, side * 18, side * 160, x => 118 + 0.0016 * (x * x) - 12 * Math.sin(Math.abs(x) / 40), 7, 0.22);
    // Posterior ribs: rise from the spine, then sweep down laterally.
    for (let k = 0; k < 10; k++) {
      const y0 = 130 + k * 24;
      addBand(a, grid, side * 14, side * (120 + k * 3), x => {
        const u = Math.abs(x) / 140;
        return y0 - 22 * Math.sin(Math.PI * u * 0.9) + 40 * u * u;
      }, 4.5, 0.14);
    }
  }
}

function addLateralAnatomy(a: Float32Array, grid: PixelGrid): void {
  // Anterior is on the image's left (PatientOrientation P\F).
  addEllipsoidProjection(a, grid, 20, 60, 50, 90, 0.5);
  addEllipsoidProjection(a, grid, 0, 250, 130, 250, 1.4);
  addEllipsoidProjection(a, grid, 5, 215, 105, 140, -1.1);
  addEllipsoidProjection(a, grid, -45, 285, 70, 65, 0.6);
  addEllipsoidProjection(a, grid, 0, 370, 125, 70, 0.4);
  addEllipsoidProjection(a, grid, 100, 230, 20, 320, 0.55);
  addEllipsoidProjection(a, grid, -118, 200, 6, 90, 0.25);
  for (let k = 0; k < 10; k++) {
    const y0 = 120 + k * 24;
    addBand(a, grid, -105, 115, x => y0 + 0.25 * (110 - x) - 20, 3.5, 0.06);
  }
}

/**
 * Stored 12-bit values for the view: 4095 * (1 - exp(-0.95 * attenuation))
 * plus a little quantum noise; air stays near 0.
 */
export function renderChestRadiograph(view: ChestRadiographView, grid: PixelGrid, rng: SeededRandom): Uint16Array {
  const attenuation = new Float32Array(grid.columns * grid.rows);
  if (view === 'PA') addPaAnatomy(attenuation, grid);
  else addLateralAnatomy(attenuation, grid);
  const stored = new Uint16Array(attenuation.length);
  const normal = getNormalTable();
  for (let i = 0; i < attenuation.length; i++) {
    const a = attenuation[i] ?? 0;
    const signal = a > 0 ? 4095 * (1 - exp(-0.95 * a)) : 0;
    const value = signal + 18 * (normal[rng.nextUint32() & 0xffff] ?? 0);
    stored[i] = value < 0 ? 0 : value > 4095 ? 4095 : (value + 0.5) | 0;
  }
  return stored;
}
