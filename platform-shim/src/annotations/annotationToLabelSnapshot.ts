import type { LabelSnapshot } from '../contract/labels.js';
import type { CornerstoneAnnotation, ImageReference } from './annotationTypes.js';

export type SnapshotResult =
  | { ok: true; snapshot: LabelSnapshot }
  | { ok: false; reason: string };

const UNIT_KEYS: Record<string, string> = { area: 'areaUnit', perimeter: 'unit', length: 'unit', width: 'unit', radius: 'radiusUnit' };

/**
 * Turns a Cornerstone3D annotation into the label snapshot the server stores: the image it was
 * drawn on (by UIDs, not by host-specific image ids), its world-space geometry and measurements.
 */
export function annotationToLabelSnapshot(
  annotation: CornerstoneAnnotation,
  lookupImage: (imageId: string) => ImageReference | undefined,
): SnapshotResult {
  const { annotationUID, metadata, data } = annotation;
  if (!annotationUID) return { ok: false, reason: 'the annotation has no UID' };
  if (!metadata?.toolName) return { ok: false, reason: 'the annotation has no tool name' };
  if (!metadata.referencedImageId) {
    return { ok: false, reason: 'the annotation is not on an acquired image (drawn on a reformatted plane)' };
  }
  const image = lookupImage(metadata.referencedImageId);
  if (!image) return { ok: false, reason: 'the image the annotation is on has no DICOM metadata' };

  const points = (data?.handles?.points ?? []).filter(isPoint3).map(p => [p[0], p[1], p[2]] as [number, number, number]);
  const snapshot: LabelSnapshot = {
    labelId: annotationUID,
    StudyInstanceUID: image.StudyInstanceUID,
    SeriesInstanceUID: image.SeriesInstanceUID,
    SOPInstanceUID: image.SOPInstanceUID,
    toolName: metadata.toolName,
    geometry: { points },
  };
  if (image.frameNumber !== undefined) snapshot.frameNumber = image.frameNumber;
  if (metadata.FrameOfReferenceUID) snapshot.FrameOfReferenceUID = metadata.FrameOfReferenceUID;
  if (isPoint3(metadata.viewPlaneNormal)) snapshot.geometry.viewPlaneNormal = toVec3(metadata.viewPlaneNormal);
  if (isPoint3(metadata.viewUp)) snapshot.geometry.viewUp = toVec3(metadata.viewUp);
  const measurements = readMeasurements(data?.cachedStats);
  if (measurements.length > 0) snapshot.measurements = measurements;
  const text = data?.label || data?.text;
  if (text) snapshot.text = text.slice(0, 1024);
  return { ok: true, snapshot };
}

/**
 * Cornerstone keeps statistics per viewport target; they are the same measurement seen from
 * each viewport, so the first target's numeric statistics are the label's measurements.
 */
function readMeasurements(cachedStats: Record<string, Record<string, unknown> | undefined> | undefined) {
  const stats = cachedStats ? Object.values(cachedStats).find(s => s && typeof s === 'object') : undefined;
  if (!stats) return [];
  return Object.entries(stats)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
    .slice(0, 32)
    .map(([name, value]) => ({ name, value, unit: unitOf(name, stats) }));
}

function unitOf(name: string, stats: Record<string, unknown>): string {
  const key = UNIT_KEYS[name] ?? (['mean', 'stdDev', 'max', 'min', 'median'].includes(name) ? 'modalityUnit' : 'unit');
  const unit = stats[key] ?? stats['unit'];
  return typeof unit === 'string' ? unit.slice(0, 32) : '';
}

function isPoint3(p: unknown): p is [number, number, number] {
  return Array.isArray(p) && p.length >= 3 && p.slice(0, 3).every(v => typeof v === 'number' && Number.isFinite(v));
}

function toVec3(p: number[]): [number, number, number] {
  return [p[0]!, p[1]!, p[2]!];
}
