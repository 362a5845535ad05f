import type { AnnotationGeometry, LabelMeasurement } from '../contract/labels.js';
import type { Static } from '@sinclair/typebox';
import { kindOfTool } from './annotationKinds.js';
import type { CornerstoneAnnotation, ImageReference } from './annotationTypes.js';
import type { LabelShape } from './labelParts.js';

export type ShapeResult = { ok: true; shape: LabelShape } | { ok: false; reason: string };

type Vec3 = [number, number, number];
type Measurement = Static<typeof LabelMeasurement>;

/** The contract's limit; a longer freehand outline is refused rather than silently thinned. */
const MAX_POINTS = 10_000;
const UNIT_KEYS: Record<string, string> = { area: 'areaUnit', perimeter: 'unit', length: 'unit', width: 'unit', radius: 'radiusUnit', value: 'modalityUnit' };
const PIXEL_VALUE_STATS = new Set(['mean', 'stdDev', 'max', 'min', 'median', 'value']);

/**
 * Turns a Cornerstone3D annotation into the shape of a label: the image it was drawn on (by
 * UIDs, not by host-specific image ids), its world-space geometry and its measurements. Only
 * the tools a label schema can ask for make labels (see TOOL_NAME_BY_KIND).
 */
export function annotationToLabelShape(
  annotation: CornerstoneAnnotation,
  lookupImage: (imageId: string) => ImageReference | undefined,
): ShapeResult {
  const { annotationUID, metadata, data } = annotation;
  if (!annotationUID) return { ok: false, reason: 'the annotation has no UID' };
  const toolName = metadata?.toolName;
  const kind = kindOfTool(toolName);
  if (!toolName || !kind) return { ok: false, reason: `${toolName ?? 'this tool'} does not make labels` };
  if (!metadata.referencedImageId) {
    return { ok: false, reason: 'the annotation is not on an acquired image (drawn on a reformatted plane)' };
  }
  const image = lookupImage(metadata.referencedImageId);
  if (!image) return { ok: false, reason: 'the image the annotation is on has no DICOM metadata' };

  const rawPoints = kind === 'freehand' ? data?.contour?.polyline : data?.handles?.points;
  const points = (rawPoints ?? []).filter(isPoint3).map(toVec3);
  if (points.length === 0) return { ok: false, reason: 'the annotation has no points' };
  if (points.length > MAX_POINTS) return { ok: false, reason: `the outline has more than ${MAX_POINTS} points` };

  const geometry: AnnotationGeometry = { kind, toolName, points };
  if (kind === 'freehand') geometry.closed = data?.contour?.closed ?? false;
  if (isPoint3(metadata.viewPlaneNormal)) geometry.viewPlaneNormal = toVec3(metadata.viewPlaneNormal);
  if (isPoint3(metadata.viewUp)) geometry.viewUp = toVec3(metadata.viewUp);

  const shape: LabelShape = {
    labelId: annotationUID,
    scope: 'image',
    StudyInstanceUID: image.StudyInstanceUID,
    SeriesInstanceUID: image.SeriesInstanceUID,
    SOPInstanceUID: image.SOPInstanceUID,
    geometry,
  };
  if (image.frameNumber !== undefined) shape.frameNumber = image.frameNumber;
  if (metadata.FrameOfReferenceUID) shape.FrameOfReferenceUID = metadata.FrameOfReferenceUID;
  const measurements = readMeasurements(data?.cachedStats);
  if (measurements.length > 0) shape.measurements = measurements;
  const text = data?.label || data?.text;
  if (text) shape.text = text.slice(0, 1024);
  return { ok: true, shape };
}

/** An annotation's measurements as they are now (what a label made of it would carry). */
export function readAnnotationMeasurements(annotation: CornerstoneAnnotation): Measurement[] {
  return readMeasurements(annotation.data?.cachedStats);
}

/**
 * Cornerstone keeps statistics per viewport target; they are the same measurement seen from
 * each viewport, so the first target's numeric statistics are the label's measurements.
 */
function readMeasurements(cachedStats: Record<string, Record<string, unknown> | undefined> | undefined): Measurement[] {
  const stats = cachedStats ? Object.values(cachedStats).find(s => s && typeof s === 'object') : undefined;
  if (!stats) return [];
  return Object.entries(stats)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
    .slice(0, 32)
    .map(([name, value]) => ({ name: name.slice(0, 64), value, unit: unitOf(name, stats) }));
}

function unitOf(name: string, stats: Record<string, unknown>): string {
  const key = UNIT_KEYS[name] ?? (PIXEL_VALUE_STATS.has(name) ? 'modalityUnit' : 'unit');
  const unit = stats[key] ?? stats['unit'];
  return typeof unit === 'string' ? unit.slice(0, 32) : '';
}

function isPoint3(p: unknown): p is number[] {
  return Array.isArray(p) && p.length >= 3 && p.slice(0, 3).every(v => typeof v === 'number' && Number.isFinite(v));
}

function toVec3(p: number[]): Vec3 {
  return [p[0]!, p[1]!, p[2]!];
}
