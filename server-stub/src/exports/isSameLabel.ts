import type { LabelSnapshot } from '@readingroom/platform-shim';

/** Points read back from DICOM agree with the label's within this (mm): FL (float32) and SCOORD's plane arithmetic. */
export const POINT_TOLERANCE_MM = 1e-3;

type Points = number[][];

function split(label: LabelSnapshot): { rest: unknown; points: Points } {
  const geometry = label.geometry as { points?: Points };
  if (!geometry.points) return { rest: canonical(label), points: [] };
  const { points, ...others } = geometry;
  return { rest: canonical({ ...label, geometry: others }), points };
}

/** JSON with object keys sorted, so field order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Whether a label read from DICOM is the label the server holds: every field equal, points
 * within POINT_TOLERANCE_MM. Used to import a label unchanged rather than as a new version.
 */
export function isSameLabel(a: LabelSnapshot, b: LabelSnapshot): boolean {
  const [left, right] = [split(a), split(b)];
  if (left.rest !== right.rest || left.points.length !== right.points.length) return false;
  return left.points.every((p, i) => p.length === right.points[i]!.length && p.every((v, axis) => Math.abs(v - right.points[i]![axis]!) <= POINT_TOLERANCE_MM));
}

/** The snapshot part of a stored label (what a label event carries). */
export function toSnapshot(label: LabelSnapshot & Record<string, unknown>): LabelSnapshot {
  const { version: _version, contentHash: _contentHash, createdBy: _createdBy, updatedAt: _updatedAt, updatedBy: _updatedBy, ...snapshot } = label;
  return snapshot as LabelSnapshot;
}
