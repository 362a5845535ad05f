import type { FramePlane, Vec3 } from './sourceTypes.js';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const minus = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/**
 * Patient (world) point → SCOORD image coordinates (column, row), where 0,0 is the top left
 * corner of the top left pixel, so that pixel's centre (Image Position Patient) is 0.5, 0.5
 * (PS3.3 C.18.6.1.1; Cornerstone's imageToWorldCoords reads them the same way).
 * The point is projected onto the frame's plane.
 */
export function worldToImage(plane: FramePlane, point: Vec3): [number, number] {
  const d = minus(point, plane.ImagePositionPatient);
  const [betweenRows, betweenColumns] = plane.PixelSpacing;
  return [dot(d, plane.rowCosines) / betweenColumns + 0.5, dot(d, plane.columnCosines) / betweenRows + 0.5];
}

/** SCOORD image coordinates → patient (world) point on the frame's plane: the inverse of worldToImage. */
export function imageToWorld(plane: FramePlane, [column, row]: [number, number]): Vec3 {
  const [betweenRows, betweenColumns] = plane.PixelSpacing;
  const along = (column - 0.5) * betweenColumns;
  const down = (row - 0.5) * betweenRows;
  const { ImagePositionPatient: o, rowCosines: r, columnCosines: c } = plane;
  return [o[0] + along * r[0] + down * c[0], o[1] + along * r[1] + down * c[1], o[2] + along * r[2] + down * c[2]];
}

/** Distance (mm) of a patient point from the frame's plane: what worldToImage would drop. */
export function distanceFromPlane(plane: FramePlane, point: Vec3): number {
  const normal = cross(plane.rowCosines, plane.columnCosines);
  const length = Math.hypot(...normal);
  return Math.abs(dot(minus(point, plane.ImagePositionPatient), normal)) / length;
}
