// A synthetic cardiac ultrasound loop: a sector scan with speckle, a
// ventricle whose wall contracts over one heartbeat, and a colour-flow jet
// while it fills. RGB, colour-by-pixel (R, G, B, R, G, B, ...). Pixel units.
import { getNormalTable } from '../normalTable.js';
import type { SeededRandom } from '../prng.js';

const { sqrt, cos, sin, atan2, abs, PI, min } = Math;

export interface EchoGeometry {
  readonly columns: number;
  readonly rows: number;
  /** Sector apex, in pixels. */
  readonly apexX: number;
  readonly apexY: number;
  readonly radius: number;
  readonly halfAngle: number;
  readonly frameCount: number;
}

export const ECHO_GEOMETRY: EchoGeometry = {
  columns: 320,
  rows: 240,
  apexX: 160,
  apexY: 8,
  radius: 224,
  halfAngle: (38 * PI) / 180,
  frameCount: 30,
};

/** 0 at end-diastole, 1 at end-systole: contraction over the first half of the loop, relaxation over the second. */
export function getContraction(frame: number, frameCount: number): number {
  return 0.5 - 0.5 * cos((2 * PI * frame) / frameCount);
}

/** The ventricle (cavity centre and radii) in one frame; exported so tests can find the moving cavity. */
export function getVentricle(frame: number, geometry: EchoGeometry): { x: number; y: number; rx: number; ry: number; wall: number } {
  const c = getContraction(frame, geometry.frameCount);
  return { x: geometry.apexX, y: 128 + 6 * c, rx: 42 * (1 - 0.22 * c), ry: 68 * (1 - 0.12 * c), wall: 10 + 5 * c };
}

/** One RGB frame (columns * rows * 3 bytes). */
export function renderEchoFrame(frame: number, geometry: EchoGeometry, rng: SeededRandom): Uint8Array {
  const { columns, rows, apexX, apexY, radius, halfAngle } = geometry;
  const normal = getNormalTable();
  const ventricle = getVentricle(frame, geometry);
  const filling = frame >= geometry.frameCount / 2 ? sin((2 * PI * (frame - geometry.frameCount / 2)) / geometry.frameCount) : 0;
  const rgb = new Uint8Array(columns * rows * 3);
  for (let row = 0; row < rows; row++) {
    const dy = row - apexY;
    for (let column = 0; column < columns; column++) {
      const dx = column - apexX;
      const depth = sqrt(dx * dx + dy * dy);
      if (depth > radius || dy < 0 || abs(atan2(dx, dy)) > halfAngle) continue;
      const ex = (column - ventricle.x) / ventricle.rx;
      const ey = (row - ventricle.y) / ventricle.ry;
      const inside = sqrt(ex * ex + ey * ey);
      // Echogenicity: blood is nearly anechoic, the myocardium bright, other tissue in between.
      let echo = 0.32;
      if (inside < 1) echo = 0.04;
      else if (inside < 1 + ventricle.wall / ventricle.ry) echo = 0.75;
      const gain = min(1, 0.55 + depth / 400);
      const bits = rng.nextUint32();
      const a = normal[bits & 0xffff] ?? 0;
      const b = normal[bits >>> 16] ?? 0;
      // Fully developed speckle has a Rayleigh-distributed amplitude.
      const value = 150 * echo * gain * sqrt(a * a + b * b);
      const gray = value > 255 ? 255 : value | 0;
      const index = (row * columns + column) * 3;
      const jetX = (column - apexX) / 10;
      const jetY = (row - (ventricle.y + 30)) / 30;
      if (filling > 0 && inside < 1 && jetX * jetX + jetY * jetY < 1) {
        const flow = (filling * (1 - jetX * jetX) * 255) | 0;
        rgb[index] = flow;
        rgb[index + 1] = flow >> 3;
        rgb[index + 2] = 0;
      } else {
        rgb[index] = gray;
        rgb[index + 1] = gray;
        rgb[index + 2] = gray;
      }
    }
  }
  return rgb;
}
