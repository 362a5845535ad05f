// A synthetic processed ("for presentation") mammogram: compressed breast
// outline, fibroglandular texture behind the nipple, skin line, pectoral
// muscle on oblique views and a small calcification cluster.
// Millimetres on the detector, (0, 0) at the top-left pixel; the chest wall
// is on the image's right for a right breast and on its left for a left one,
// as mammograms are hung back to back.
import { getNormalTable } from '../normalTable.js';
import type { SeededRandom } from '../prng.js';
import { fillValueNoise } from './valueNoise.js';

const { exp, sqrt, min } = Math;

export interface MammogramView {
  readonly laterality: 'L' | 'R';
  readonly view: 'CC' | 'MLO';
}

export interface MammogramGrid {
  readonly columns: number;
  readonly rows: number;
  readonly spacing: number;
}

interface Ellipse {
  readonly centerY: number;
  readonly depth: number;
  readonly halfHeight: number;
}

// The outline: a half-ellipse based on the chest wall.
function outline(view: MammogramView['view']): Ellipse {
  return view === 'CC' ? { centerY: 150, depth: 108, halfHeight: 92 } : { centerY: 175, depth: 115, halfHeight: 118 };
}

/**
 * On oblique views the breast runs up into the axilla: above the nipple line
 * the outline is a nearly straight border from the top edge (as wide as the
 * pectoral muscle there) down to the ellipse.
 */
function axillaryDepth(view: MammogramView['view'], y: number, ellipse: Ellipse): number {
  if (view !== 'MLO' || y > ellipse.centerY) return 0;
  return 76 + 0.15 * y;
}

/** Where the calcification cluster sits (left breast only), in view coordinates. */
export function getCalcificationCluster(view: MammogramView): { d: number; y: number } | undefined {
  if (view.laterality !== 'L') return undefined;
  return view.view === 'CC' ? { d: 62, y: 128 } : { d: 66, y: 142 };
}

function addCalcifications(stored: Uint16Array, grid: MammogramGrid, view: MammogramView, rng: SeededRandom): void {
  const cluster = getCalcificationCluster(view);
  if (!cluster) return;
  const width = grid.columns * grid.spacing;
  for (let k = 0; k < 6; k++) {
    const d = cluster.d + rng.range(-3, 3);
    const y = cluster.y + rng.range(-3, 3);
    const x = view.laterality === 'L' ? d : width - d;
    const column = Math.round(x / grid.spacing);
    const row = Math.round(y / grid.spacing);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dx !== 0 && dy !== 0) continue;
        stored[(row + dy) * grid.columns + column + dx] = 3900;
      }
    }
  }
}

/** Stored 12-bit values, MONOCHROME2 (dense tissue bright, background black). */
export function renderMammogram(view: MammogramView, grid: MammogramGrid, rng: SeededRandom): Uint16Array {
  const { columns, rows, spacing } = grid;
  const coarse = new Float32Array(columns * rows);
  const fine = new Float32Array(columns * rows);
  const scratch = new Float32Array(columns * rows);
  fillValueNoise(coarse, columns, rows, Math.round(16 / spacing), rng);
  fillValueNoise(scratch, columns, rows, Math.round(7 / spacing), rng);
  for (let i = 0; i < coarse.length; i++) coarse[i] = 0.65 * (coarse[i] ?? 0) + 0.35 * (scratch[i] ?? 0);
  fillValueNoise(fine, columns, rows, Math.round(2.5 / spacing), rng);
  const ellipse = outline(view.view);
  const depth = ellipse.depth;
  // Per column: distance from the chest wall, and how much gland lies at that depth.
  const distance = new Float32Array(columns);
  const glandByDepth = new Float32Array(columns);
  for (let column = 0; column < columns; column++) {
    const x = (column + 0.5) * spacing;
    const d = view.laterality === 'L' ? x : columns * spacing - x;
    distance[column] = d;
    glandByDepth[column] = exp(-(((d - 0.42 * depth) / (0.32 * depth)) ** 2));
  }
  const normal = getNormalTable();
  const stored = new Uint16Array(columns * rows);
  const oblique = view.view === 'MLO';
  for (let row = 0; row < rows; row++) {
    const y = (row + 0.5) * spacing;
    // Per row: the ellipse's squared normalised height and the axillary wedge's depth.
    const v2 = ((y - ellipse.centerY) / ellipse.halfHeight) ** 2;
    const invDepth = 1 / depth;
    const wedge = axillaryDepth(view.view, y, ellipse);
    const invWedge = wedge > 0 ? 1 / wedge : 0;
    const pectoralDepth = oblique ? 72 * (1 - y / 135) : -1;
    for (let column = 0; column < columns; column++) {
      const d = distance[column] ?? 0;
      const u = d * invDepth;
      let r2 = u * u + v2;
      if (wedge > 0) {
        const w = d * invWedge;
        if (w * w < r2) r2 = w * w;
      }
      const index = row * columns + column;
      let value = 40;
      if (r2 < 1) {
        const r = sqrt(r2);
        // Processing equalises thickness, but the thin periphery still darkens.
        const thickness = min(1, (1 - r) * 7);
        const glandWeight = (glandByDepth[column] ?? 0) * (1 - r2);
        const texture = (coarse[index] ?? 0) * 0.7 + (fine[index] ?? 0) * 0.3;
        const dense = glandWeight * (texture > 0.45 ? (texture - 0.45) * 2.2 : 0);
        value = 320 + thickness * (1050 + 1700 * dense);
        if (1 - r < 0.01) value += 180;
        // Pectoral muscle, with a 3 mm soft edge.
        const intoMuscle = pectoralDepth - d;
        if (intoMuscle > 0) value += 900 * thickness * min(1, intoMuscle / 3);
      }
      value += 22 * (normal[rng.nextUint32() & 0xffff] ?? 0);
      stored[index] = value < 0 ? 0 : value > 4095 ? 4095 : (value + 0.5) | 0;
    }
  }
  addCalcifications(stored, grid, view, rng);
  return stored;
}
