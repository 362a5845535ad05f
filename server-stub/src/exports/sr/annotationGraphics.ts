import type { AnnotationGeometry, AnnotationKind } from '@readingroom/platform-shim';
import type { Vec3 } from '../source/sourceTypes.js';

export type GraphicType = 'POINT' | 'MULTIPOINT' | 'POLYLINE' | 'ELLIPSE';

export interface Graphic {
  GraphicType: GraphicType;
  points: Vec3[];
}

/** How an annotation is drawn in DICOM: one region (TID 1410) or a bidirectional's two axes (TID 1501). */
export type AnnotationGraphics =
  | { form: 'region'; region: Graphic; minorAxisFirst?: true }
  | { form: 'axes'; longAxis: Graphic; shortAxis: Graphic };

export class GeometryError extends Error {
  override name = 'GeometryError';
}

const POINT_COUNT: Partial<Record<AnnotationKind, number>> = { ellipse: 4, rectangle: 4, bidirectional: 4 };

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const closeRing = (points: Vec3[]): Vec3[] => [...points, points[0]!];

/**
 * The DICOM graphic of an annotation. Closed outlines are POLYLINEs whose last point repeats the
 * first (the SCOORD convention, and what OHIF 3.13 can draw; it cannot draw POLYGON). A rectangle
 * (Cornerstone corners: top left, top right, bottom left, bottom right) becomes its outline; an
 * ellipse lists its major axis first, as ELLIPSE requires.
 */
export function toAnnotationGraphics(geometry: AnnotationGeometry): AnnotationGraphics {
  const points = geometry.points as Vec3[];
  const expected = POINT_COUNT[geometry.kind];
  if (expected !== undefined && points.length !== expected) {
    throw new GeometryError(`a ${geometry.kind} has ${expected} points; this one has ${points.length}`);
  }
  switch (geometry.kind) {
    case 'point':
      return { form: 'region', region: { GraphicType: points.length === 1 ? 'POINT' : 'POLYLINE', points } };
    case 'length':
      if (points.length < 2) throw new GeometryError('a length has at least 2 points');
      return { form: 'region', region: { GraphicType: 'POLYLINE', points } };
    case 'freehand':
      if (points.length < (geometry.closed ? 3 : 2)) throw new GeometryError(`a ${geometry.closed ? 'closed' : 'open'} contour has at least ${geometry.closed ? 3 : 2} points`);
      return { form: 'region', region: { GraphicType: 'POLYLINE', points: geometry.closed ? closeRing(points) : points } };
    case 'rectangle': {
      const [topLeft, topRight, bottomLeft, bottomRight] = points as [Vec3, Vec3, Vec3, Vec3];
      return { form: 'region', region: { GraphicType: 'POLYLINE', points: closeRing([topLeft, topRight, bottomRight, bottomLeft]) } };
    }
    case 'ellipse': {
      const [a0, a1, b0, b1] = points as [Vec3, Vec3, Vec3, Vec3];
      const minorAxisFirst = distance(a0, a1) < distance(b0, b1);
      return minorAxisFirst
        ? { form: 'region', region: { GraphicType: 'ELLIPSE', points: [b0, b1, a0, a1] }, minorAxisFirst: true }
        : { form: 'region', region: { GraphicType: 'ELLIPSE', points: [a0, a1, b0, b1] } };
    }
    case 'bidirectional':
      return { form: 'axes', longAxis: { GraphicType: 'POLYLINE', points: points.slice(0, 2) }, shortAxis: { GraphicType: 'POLYLINE', points: points.slice(2, 4) } };
  }
}

const samePoint = (a: Vec3, b: Vec3) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** The kind a region most likely is when the file does not say (an SR another system wrote). */
export function inferKind(region: Graphic): AnnotationKind {
  if (region.GraphicType === 'ELLIPSE') return 'ellipse';
  if (region.GraphicType !== 'POLYLINE') return 'point';
  if (region.points.length === 2) return 'length';
  return 'freehand';
}

/** Whether a POLYLINE is a closed outline (last point repeats the first). */
export function isClosedRing(points: Vec3[]): boolean {
  return points.length >= 4 && samePoint(points[0]!, points[points.length - 1]!);
}

/** The label points of a region: the inverse of toAnnotationGraphics. */
export function fromRegion(kind: AnnotationKind, region: Graphic, options: { closed?: boolean; minorAxisFirst?: boolean }): Vec3[] {
  const points = region.points;
  switch (kind) {
    case 'rectangle': {
      if (points.length !== 5) throw new GeometryError(`a rectangle outline has 5 points; this one has ${points.length}`);
      const [topLeft, topRight, bottomRight, bottomLeft] = points as [Vec3, Vec3, Vec3, Vec3];
      return [topLeft, topRight, bottomLeft, bottomRight];
    }
    case 'ellipse': {
      if (region.GraphicType !== 'ELLIPSE' || points.length !== 4) throw new GeometryError('an ellipse is an ELLIPSE of 4 points');
      const [m0, m1, n0, n1] = points as [Vec3, Vec3, Vec3, Vec3];
      return options.minorAxisFirst ? [n0, n1, m0, m1] : [m0, m1, n0, n1];
    }
    case 'freehand':
      return options.closed ? points.slice(0, -1) : points;
    default:
      return points;
  }
}
