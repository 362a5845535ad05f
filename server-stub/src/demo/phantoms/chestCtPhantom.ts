// A synthetic chest in patient coordinates (LPS, millimetres): +x towards the
// patient's left, +y posterior, +z superior. Pure: anatomy in, Hounsfield
// units out; the DICOM assembly lives in studies/.
import { getNormalTable } from '../normalTable.js';
import type { SeededRandom } from '../prng.js';
import type { PixelGrid } from './pixelGrid.js';
import { fillEllipse, fillRectangle } from './pixelGrid.js';

export interface Sphere {
  readonly center: readonly [number, number, number];
  readonly diameterMm: number;
}

interface Vessel {
  /** Centre at z = 0 and drift per millimetre of z: vessels run roughly cranio-caudally. */
  readonly x: number;
  readonly y: number;
  readonly dxdz: number;
  readonly dydz: number;
  readonly radius: number;
}

export interface ChestCtPhantom {
  readonly lesion: Sphere | undefined;
  readonly vessels: readonly Vessel[];
  readonly noiseSigmaHu: number;
}

export const HU = {
  air: -1000,
  lung: -850,
  fat: -100,
  softTissue: 40,
  blood: 45,
  csf: 15,
  cancellousBone: 220,
  corticalBone: 700,
  lesion: 35,
  tableFoam: -250,
} as const;

const LUNG_CENTER_Z = -10;
const LUNG_HALF_HEIGHT = 125;
const LUNGS = [
  { x: -74, y: 0, a: 58, b: 82 },
  { x: 72, y: 0, a: 55, b: 80 },
] as const;

/** Scale of an ellipsoid's cross-section at height z (0 outside it). */
function ellipsoidScale(z: number, centerZ: number, halfHeight: number): number {
  const t = (z - centerZ) / halfHeight;
  return t * t < 1 ? Math.sqrt(1 - t * t) : 0;
}

/**
 * The anatomy that varies with the seed: lung vessels and where the lesion (a
 * solid nodule in the right lung) sits. Pass the same stream state for the
 * current and the prior study so the nodule is in the same place in both;
 * `lesion` undefined omits it.
 */
export function createChestCtPhantom(rng: SeededRandom, lesion: { diameterMm: number } | undefined): ChestCtPhantom {
  const center: [number, number, number] = [-78 + rng.range(-8, 8), -18 + rng.range(-8, 8), 12 + rng.range(-6, 6)];
  const vessels: Vessel[] = [];
  for (const lung of LUNGS) {
    for (let i = 0; i < 16; i++) {
      const angle = rng.range(0, 2 * Math.PI);
      const distance = Math.sqrt(rng.next()) * 0.75;
      vessels.push({
        x: lung.x + Math.cos(angle) * lung.a * distance,
        y: lung.y + Math.sin(angle) * lung.b * distance,
        dxdz: rng.range(-0.25, 0.25),
        dydz: rng.range(-0.25, 0.25),
        radius: rng.range(1.2, 3.2),
      });
    }
  }
  return {
    lesion: lesion ? { center, diameterMm: lesion.diameterMm } : undefined,
    vessels,
    noiseSigmaHu: 10,
  };
}

function drawBodyWall(hu: Int16Array, grid: PixelGrid): void {
  fillRectangle(hu, grid, -220, 142, 220, 152, HU.tableFoam);
  fillEllipse(hu, grid, 0, 5, 165, 122, HU.fat);
  fillEllipse(hu, grid, 0, 5, 150, 108, HU.softTissue);
}

function drawLungsAndMediastinum(hu: Int16Array, grid: PixelGrid, z: number): void {
  const lungScale = ellipsoidScale(z, LUNG_CENTER_Z, LUNG_HALF_HEIGHT);
  for (const lung of LUNGS) fillEllipse(hu, grid, lung.x, lung.y, lung.a * lungScale, lung.b * lungScale, HU.lung);
  fillEllipse(hu, grid, 4, 5, 26, 60, HU.softTissue);
  const heartScale = ellipsoidScale(z, -45, 55);
  fillEllipse(hu, grid, 18, -10, 58 * heartScale, 46 * heartScale, HU.blood);
  fillEllipse(hu, grid, 22, 50, 12, 12, HU.blood);
  if (z > -20) fillEllipse(hu, grid, -8, -22, 15, 15, HU.blood);
  if (z > 20) fillEllipse(hu, grid, 0, 18, 9, 8, HU.air);
  else if (z > 5) {
    fillEllipse(hu, grid, -18, 22, 6, 6, HU.air);
    fillEllipse(hu, grid, 18, 22, 6, 6, HU.air);
  }
}

function drawVessels(hu: Int16Array, grid: PixelGrid, phantom: ChestCtPhantom, z: number): void {
  const lungScale = ellipsoidScale(z, LUNG_CENTER_Z, LUNG_HALF_HEIGHT);
  const lesion = phantom.lesion;
  for (const vessel of phantom.vessels) {
    const x = vessel.x + vessel.dxdz * z;
    const y = vessel.y + vessel.dydz * z;
    const insideLung = LUNGS.some(lung => {
      const dx = (x - lung.x) / (lung.a * lungScale - vessel.radius);
      const dy = (y - lung.y) / (lung.b * lungScale - vessel.radius);
      return dx * dx + dy * dy < 1;
    });
    if (!insideLung) continue;
    // Keep vessels clear of the lesion so its measured density stays clean.
    if (lesion) {
      const [lx, ly, lz] = lesion.center;
      const clearance = lesion.diameterMm / 2 + vessel.radius + 8;
      if ((x - lx) ** 2 + (y - ly) ** 2 + (z - lz) ** 2 < clearance ** 2) continue;
    }
    fillEllipse(hu, grid, x, y, vessel.radius, vessel.radius, HU.blood);
  }
}

function drawSkeleton(hu: Int16Array, grid: PixelGrid, z: number): void {
  // Vertebrae repeat every 25 mm with a 5 mm intervertebral disc.
  const inDisc = ((z % 25) + 25) % 25 < 5;
  fillEllipse(hu, grid, 0, 82, 18, 16, inDisc ? 80 : HU.corticalBone);
  if (!inDisc) fillEllipse(hu, grid, 0, 82, 15, 13, HU.cancellousBone);
  fillEllipse(hu, grid, 0, 108, 13, 10, HU.corticalBone);
  fillEllipse(hu, grid, 0, 106, 8, 7, HU.csf);
  fillEllipse(hu, grid, 0, 124, 4, 9, HU.corticalBone);
  if (z > -60) fillEllipse(hu, grid, 0, -102, 13, 5, HU.cancellousBone);
  // Ribs slope downwards, so each axial slice cuts a different subset of them.
  for (let k = 0; k < 9; k++) {
    if (Math.cos(z / 14 + k * 1.3) < -0.2) continue;
    // Angle from posterior (next to the spine) round to anterior.
    const angle = 0.35 + k * 0.3 + 0.06 * Math.sin(z / 20 + k);
    for (const side of [-1, 1]) {
      const x = side * 140 * Math.sin(angle);
      const y = 5 + 98 * Math.cos(angle);
      fillEllipse(hu, grid, x, y, 5, 4, HU.corticalBone);
    }
  }
}

function drawLesion(hu: Int16Array, grid: PixelGrid, lesion: Sphere, z: number): void {
  const [cx, cy, cz] = lesion.center;
  const radius = lesion.diameterMm / 2;
  const dz = z - cz;
  if (Math.abs(dz) >= radius) return;
  const sliceRadius = Math.sqrt(radius * radius - dz * dz);
  // A soft edge (about one pixel) mimics partial-volume blurring.
  const edge = grid.spacing;
  const firstRow = Math.max(0, Math.floor((cy - sliceRadius - edge - grid.originY) / grid.spacing));
  const lastRow = Math.min(grid.rows - 1, Math.ceil((cy + sliceRadius + edge - grid.originY) / grid.spacing));
  const firstColumn = Math.max(0, Math.floor((cx - sliceRadius - edge - grid.originX) / grid.spacing));
  const lastColumn = Math.min(grid.columns - 1, Math.ceil((cx + sliceRadius + edge - grid.originX) / grid.spacing));
  for (let row = firstRow; row <= lastRow; row++) {
    const y = grid.originY + row * grid.spacing;
    for (let column = firstColumn; column <= lastColumn; column++) {
      const x = grid.originX + column * grid.spacing;
      const distance = Math.hypot(x - cx, y - cy);
      const weight = Math.min(1, Math.max(0, (sliceRadius - distance) / edge + 0.5));
      if (weight <= 0) continue;
      const index = row * grid.columns + column;
      const background = hu[index] ?? HU.lung;
      hu[index] = Math.round(background + (HU.lesion - background) * weight);
    }
  }
}

/** Noise-free Hounsfield units of the axial slice at height z. */
export function renderChestCtHu(phantom: ChestCtPhantom, grid: PixelGrid, z: number): Int16Array {
  const hu = new Int16Array(grid.columns * grid.rows).fill(HU.air);
  drawBodyWall(hu, grid);
  drawLungsAndMediastinum(hu, grid, z);
  drawVessels(hu, grid, phantom, z);
  drawSkeleton(hu, grid, z);
  if (phantom.lesion) drawLesion(hu, grid, phantom.lesion, z);
  return hu;
}

/**
 * Stored values for the slice: HU + 1024 (RescaleIntercept -1024) with
 * Gaussian quantum noise, clamped to the 12 stored bits.
 */
export function renderChestCtSlice(phantom: ChestCtPhantom, grid: PixelGrid, z: number, rng: SeededRandom): Uint16Array {
  const hu = renderChestCtHu(phantom, grid, z);
  const stored = new Uint16Array(hu.length);
  const normal = getNormalTable();
  const sigma = phantom.noiseSigmaHu;
  for (let i = 0; i < hu.length; i += 2) {
    const bits = rng.nextUint32();
    stored[i] = clampStored((hu[i] ?? 0) + 1024 + sigma * (normal[bits & 0xffff] ?? 0));
    if (i + 1 < hu.length) stored[i + 1] = clampStored((hu[i + 1] ?? 0) + 1024 + sigma * (normal[bits >>> 16] ?? 0));
  }
  return stored;
}

// No Math.* here: it runs per pixel, and global lookups are slow under jest's vm context.
function clampStored(value: number): number {
  return value < 0 ? 0 : value > 4095 ? 4095 : (value + 0.5) | 0;
}
