// A synthetic head for axial MR: a tissue label map per slice, then signal
// from the textbook spin-echo and inversion-recovery equations, so T1, T2 and
// FLAIR contrasts come out right (CSF dark on T1 and FLAIR, bright on T2; a
// white-matter lesion bright on T2 and FLAIR). Patient coordinates (LPS, mm).
import { getNormalTable } from '../normalTable.js';
import type { SeededRandom } from '../prng.js';
import type { PixelGrid } from './pixelGrid.js';
import { fillEllipse } from './pixelGrid.js';

const { exp, abs, sqrt, atan2, sin } = Math;

export const TISSUE = { air: 0, fat: 1, bone: 2, marrow: 3, csf: 4, gray: 5, white: 6, lesion: 7 } as const;

/** Proton density (relative) and relaxation times (ms) at 1.5 T. */
const TISSUE_PROPERTIES: readonly { pd: number; t1: number; t2: number }[] = [
  { pd: 0, t1: 1, t2: 1 },
  { pd: 1, t1: 260, t2: 80 },
  { pd: 0.05, t1: 500, t2: 1 },
  { pd: 0.9, t1: 300, t2: 80 },
  { pd: 1, t1: 4000, t2: 2000 },
  { pd: 0.8, t1: 1100, t2: 100 },
  { pd: 0.7, t1: 650, t2: 75 },
  { pd: 0.85, t1: 1200, t2: 200 },
];

export interface MrSequence {
  readonly repetitionTime: number;
  readonly echoTime: number;
  /** Present for inversion recovery (FLAIR). */
  readonly inversionTime?: number;
}

const HEAD = { centerZ: 30, a: 75, b: 95, c: 90 };

/** Concentric shells from the scalp inwards: [scale of the head ellipsoid, tissue]. */
const SHELLS: readonly [number, number][] = [
  [1, TISSUE.fat],
  [0.95, TISSUE.bone],
  [0.935, TISSUE.marrow],
  [0.92, TISSUE.bone],
  [0.905, TISSUE.csf],
  [0.885, TISSUE.gray],
  [0.82, TISSUE.white],
];

export interface BrainLesion {
  readonly center: readonly [number, number, number];
  readonly diameterMm: number;
}

export const BRAIN_LESION: BrainLesion = { center: [28, -22, 45], diameterMm: 12 };

function crossSection(z: number, centerZ: number, halfHeight: number): number {
  const t = (z - centerZ) / halfHeight;
  return t * t < 1 ? sqrt(1 - t * t) : 0;
}

/**
 * Gyri and sulci: the grey/white boundary undulates with angle, CSF-filled
 * sulci cut into the cortex, and the interhemispheric fissure splits the
 * hemispheres. Without these the brain reads as a flat disc.
 */
function foldCortex(labels: Uint8Array, grid: PixelGrid, z: number): void {
  const brainScale = crossSection(z, HEAD.centerZ, HEAD.c * 0.905) * 0.905;
  if (brainScale <= 0) return;
  const a = HEAD.a * brainScale;
  const b = HEAD.b * brainScale;
  const phase = z / 9;
  for (let row = 0; row < grid.rows; row++) {
    const y = grid.originY + row * grid.spacing;
    for (let column = 0; column < grid.columns; column++) {
      const index = row * grid.columns + column;
      const label = labels[index];
      if (label !== TISSUE.gray && label !== TISSUE.white) continue;
      const x = grid.originX + column * grid.spacing;
      const rho = sqrt((x / a) ** 2 + (y / b) ** 2);
      const theta = atan2(y, x);
      const fold = sin(17 * theta + phase) * 0.6 + sin(29 * theta - 2 * phase) * 0.4;
      if (abs(x) < 1.2 && abs(y) > 0.25 * b) labels[index] = TISSUE.csf;
      else if (rho > 0.9 && fold > 0.55) labels[index] = TISSUE.csf;
      else if (rho > 0.84 + 0.05 * fold) labels[index] = TISSUE.gray;
      else if (label === TISSUE.gray && rho > 0.6) labels[index] = TISSUE.white;
    }
  }
}

/** Tissue labels of the axial slice at height z. */
export function renderBrainLabels(grid: PixelGrid, z: number): Uint8Array {
  const labels = new Uint8Array(grid.columns * grid.rows);
  for (const [scale, tissue] of SHELLS) {
    const s = crossSection(z, HEAD.centerZ, HEAD.c * scale) * scale;
    fillEllipse(labels, grid, 0, 0, HEAD.a * s, HEAD.b * s, tissue);
  }
  foldCortex(labels, grid, z);
  for (const side of [-1, 1]) {
    const deep = crossSection(z, 22, 12);
    fillEllipse(labels, grid, side * 20, 4, 10 * deep, 14 * deep, TISSUE.gray);
    const ventricle = crossSection(z, 38, 20);
    fillEllipse(labels, grid, side * 11, -4, 5 * ventricle, 26 * ventricle, TISSUE.csf);
  }
  const [lx, ly, lz] = BRAIN_LESION.center;
  const lesionRadius = crossSection(z, lz, BRAIN_LESION.diameterMm / 2) * (BRAIN_LESION.diameterMm / 2);
  fillEllipse(labels, grid, lx, ly, lesionRadius, lesionRadius, TISSUE.lesion);
  return labels;
}

/** Noise-free signal of each tissue for a sequence (arbitrary units, 0..1). */
export function getTissueSignals(sequence: MrSequence): Float32Array {
  const { repetitionTime: tr, echoTime: te, inversionTime: ti } = sequence;
  return Float32Array.from(TISSUE_PROPERTIES, ({ pd, t1, t2 }) => {
    const longitudinal = ti === undefined ? 1 - exp(-tr / t1) : abs(1 - 2 * exp(-ti / t1) + exp(-tr / t1));
    return pd * longitudinal * exp(-te / t2);
  });
}

/**
 * Stored values: tissue signal times `gain`, shaded by a receive-coil
 * sensitivity falling off from front to back, with Rician noise (the
 * magnitude of complex Gaussian noise, as in real magnitude images).
 */
export function renderBrainSlice(labels: Uint8Array, grid: PixelGrid, signals: Float32Array, gain: number, rng: SeededRandom): Uint16Array {
  const normal = getNormalTable();
  const sigma = 0.012 * gain;
  const stored = new Uint16Array(labels.length);
  for (let row = 0; row < grid.rows; row++) {
    const y = grid.originY + row * grid.spacing;
    const coil = 1.08 - 0.16 * ((y + 120) / 240);
    for (let column = 0; column < grid.columns; column++) {
      const index = row * grid.columns + column;
      const signal = (signals[labels[index] ?? 0] ?? 0) * gain * coil;
      const bits = rng.nextUint32();
      const real = signal + sigma * (normal[bits & 0xffff] ?? 0);
      const imaginary = sigma * (normal[bits >>> 16] ?? 0);
      const value = sqrt(real * real + imaginary * imaginary);
      stored[index] = value > 4095 ? 4095 : (value + 0.5) | 0;
    }
  }
  return stored;
}
