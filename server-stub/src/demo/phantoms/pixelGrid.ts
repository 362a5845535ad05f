// Module-scope aliases: these run per pixel, and under jest (a vm context)
// every global lookup, `Math` included, is slow.
const { sqrt, max, min } = Math;

/**
 * A raster placed in a 2D physical frame (millimetres): pixel (column, row)
 * has its centre at (originX + column * spacing, originY + row * spacing).
 * Phantoms describe anatomy in millimetres and rasterize through this, so the
 * same anatomy renders at any matrix size.
 */
export interface PixelGrid {
  readonly columns: number;
  readonly rows: number;
  readonly originX: number;
  readonly originY: number;
  readonly spacing: number;
}

export type PixelArray = Uint8Array | Uint16Array | Int16Array | Float32Array;

/** Rows whose centres fall within [yMin, yMax] mm, clipped to the grid. */
function rowRange(grid: PixelGrid, yMin: number, yMax: number): [number, number] {
  const first = max(0, Math.ceil((yMin - grid.originY) / grid.spacing));
  const last = min(grid.rows - 1, Math.floor((yMax - grid.originY) / grid.spacing));
  return [first, last];
}

/** Columns whose centres fall within [xMin, xMax] mm, clipped to the grid. */
function columnRange(grid: PixelGrid, xMin: number, xMax: number): [number, number] {
  const first = max(0, Math.ceil((xMin - grid.originX) / grid.spacing));
  const last = min(grid.columns - 1, Math.floor((xMax - grid.originX) / grid.spacing));
  return [first, last];
}

/** Sets every pixel whose centre lies inside the axis-aligned ellipse to `value`. */
export function fillEllipse(
  target: PixelArray,
  grid: PixelGrid,
  cx: number,
  cy: number,
  a: number,
  b: number,
  value: number,
): void {
  if (a <= 0 || b <= 0) return;
  const [firstRow, lastRow] = rowRange(grid, cy - b, cy + b);
  for (let row = firstRow; row <= lastRow; row++) {
    const dy = (grid.originY + row * grid.spacing - cy) / b;
    const halfWidth = a * sqrt(max(0, 1 - dy * dy));
    const [first, last] = columnRange(grid, cx - halfWidth, cx + halfWidth);
    if (first <= last) target.fill(value, row * grid.columns + first, row * grid.columns + last + 1);
  }
}

/** Sets every pixel inside the axis-aligned rectangle to `value`. */
export function fillRectangle(
  target: PixelArray,
  grid: PixelGrid,
  xMin: number,
  yMin: number,
  xMax: number,
  yMax: number,
  value: number,
): void {
  const [firstRow, lastRow] = rowRange(grid, yMin, yMax);
  const [first, last] = columnRange(grid, xMin, xMax);
  if (first > last) return;
  for (let row = firstRow; row <= lastRow; row++) {
    target.fill(value, row * grid.columns + first, row * grid.columns + last + 1);
  }
}

/**
 * Adds `weight` times the normalised chord length through an ellipsoid with
 * semi-axes (a, b) in the plane: what a projection radiograph of that body
 * looks like. Smooth edges come for free.
 */
export function addEllipsoidProjection(
  target: Float32Array,
  grid: PixelGrid,
  cx: number,
  cy: number,
  a: number,
  b: number,
  weight: number,
): void {
  if (a <= 0 || b <= 0) return;
  const [firstRow, lastRow] = rowRange(grid, cy - b, cy + b);
  const invA2 = 1 / (a * a);
  for (let row = firstRow; row <= lastRow; row++) {
    const dy = (grid.originY + row * grid.spacing - cy) / b;
    const rest = 1 - dy * dy;
    if (rest <= 0) continue;
    const halfWidth = a * sqrt(rest);
    const [first, last] = columnRange(grid, cx - halfWidth, cx + halfWidth);
    const rowStart = row * grid.columns;
    for (let column = first; column <= last; column++) {
      const dx = grid.originX + column * grid.spacing - cx;
      const inside = rest - dx * dx * invA2;
      if (inside > 0) target[rowStart + column] = (target[rowStart + column] ?? 0) + weight * sqrt(inside);
    }
  }
}
