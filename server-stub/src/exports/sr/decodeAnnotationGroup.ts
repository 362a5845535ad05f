import type { AnnotationGeometry, AnnotationKind, LabelSnapshot } from '@readingroom/platform-shim';
import { concepts } from '../dicom/concepts.js';
import { measurementNameFor } from '../dicom/measurementConcepts.js';
import { readNumbers, readString } from '../dicom/readDataset.js';
import type { SourceImage, SourceStudy, Vec3 } from '../source/sourceTypes.js';
import { fromRegion, inferKind, isClosedRing, type Graphic, type GraphicType } from './annotationGraphics.js';
import { compact, decodeLabelBase, LabelDecodeError, type DecodeContext } from './decodeLabelBase.js';
import { decodeObservations } from './decodeObservations.js';
import { GRAPHIC_TYPES, readGraphicPoints } from './placeGraphic.js';
import { findItem, readImageReference, type ContentItem } from './readContentItems.js';

const DEFAULT_TOOLS: Record<AnnotationKind, string> = {
  point: 'Probe',
  length: 'Length',
  bidirectional: 'Bidirectional',
  ellipse: 'EllipticalROI',
  rectangle: 'RectangleROI',
  freehand: 'PlanarFreehandROI',
};

interface ReadGraphic extends Graphic {
  FrameOfReferenceUID?: string;
}

/** A SCOORD or SCOORD3D item as patient points (SCOORD through the plane of the frame it was selected from). */
function readGraphic(item: ContentItem, source: SourceStudy): ReadGraphic {
  const GraphicType = readString(item.dataset, 'GraphicType') as GraphicType;
  if (!GRAPHIC_TYPES.includes(GraphicType)) throw new LabelDecodeError(`graphic type ${GraphicType} is not one ReadingRoom draws`);
  const data = readNumbers(item.dataset, 'GraphicData');
  if (item.ValueType === 'SCOORD3D') {
    return { GraphicType, points: readGraphicPoints('SCOORD3D', data, undefined), FrameOfReferenceUID: readString(item.dataset, 'ReferencedFrameOfReferenceUID') };
  }
  const selected = readImageReference(item.children.find(child => child.RelationshipType === 'SELECTED FROM'));
  const image = selected && source.images.get(selected.SOPInstanceUID);
  const plane = image?.planes[(selected?.frameNumber ?? 1) - 1];
  if (!plane) throw new LabelDecodeError('image coordinates are selected from an image that is not in the study');
  return { GraphicType, points: readGraphicPoints('SCOORD', data, plane) };
}

const isGraphic = (item: ContentItem) => item.ValueType === 'SCOORD3D' || item.ValueType === 'SCOORD';

/** The bidirectional axes: the lines its Long Axis and Short Axis NUMs are inferred from. */
function readAxes(items: ContentItem[], source: SourceStudy): { long?: ReadGraphic; short?: ReadGraphic } {
  const axes: { long?: ReadGraphic; short?: ReadGraphic } = {};
  for (const num of items.filter(item => item.ValueType === 'NUM' && item.concept)) {
    const graphic = num.children.find(child => child.RelationshipType === 'INFERRED FROM' && isGraphic(child));
    if (!graphic) continue;
    const name = measurementNameFor('bidirectional', num.concept!);
    if (name === 'length') axes.long = readGraphic(graphic, source);
    if (name === 'width') axes.short = readGraphic(graphic, source);
  }
  return axes;
}

function geometryOf(kind: AnnotationKind, region: ReadGraphic | undefined, axes: ReturnType<typeof readAxes>, facts: { closed?: boolean; minorAxisFirst?: true } | undefined): Vec3[] {
  if (kind === 'bidirectional') {
    if (!axes.long || !axes.short) throw new LabelDecodeError('a bidirectional needs its Long Axis and Short Axis lines');
    return [...axes.long.points, ...axes.short.points];
  }
  if (!region) throw new LabelDecodeError('the measurement group has no Image Region');
  const closed = facts ? facts.closed : kind === 'freehand' && isClosedRing(region.points);
  return fromRegion(kind, region, { closed, minorAxisFirst: facts?.minorAxisFirst });
}

/** A measurement group (TID 1410 or 1501 with coordinates) back to the image label it was. */
export function decodeAnnotationGroup(items: ContentItem[], source: SourceStudy, context: DecodeContext): LabelSnapshot {
  const base = decodeLabelBase(items, context);
  const { facts } = base;
  const reference = readImageReference(findItem(items, concepts.source, 'IMAGE'));
  const regionItem = items.find(item => isGraphic(item) && item.RelationshipType === 'CONTAINS');
  const region = regionItem && readGraphic(regionItem, source);
  const axes = readAxes(items, source);
  const kind = facts?.kind ?? (axes.long && axes.short ? 'bidirectional' : region ? inferKind(region) : undefined);
  if (!kind) throw new LabelDecodeError('the measurement group has no coordinates');
  const selected = reference ?? readImageReference(regionItem?.children.find(child => child.RelationshipType === 'SELECTED FROM'));
  const image: SourceImage | undefined = selected && source.images.get(selected.SOPInstanceUID);
  if (!image) throw new LabelDecodeError('the measurement group names no image of the study');
  const closed = facts ? facts.closed : kind === 'freehand' && region ? isClosedRing(region.points) : undefined;
  const geometry: AnnotationGeometry = compact({
    kind,
    toolName: facts?.toolName ?? DEFAULT_TOOLS[kind],
    points: geometryOf(kind, region, axes, facts),
    closed,
    viewPlaneNormal: facts?.viewPlaneNormal,
    viewUp: facts?.viewUp,
  });
  const observations = decodeObservations(items, base.finding.type, kind);
  if (observations.problems.length > 0) throw new LabelDecodeError(observations.problems.join('; '));
  const FrameOfReferenceUID = facts?.absent?.includes('FrameOfReferenceUID')
    ? undefined
    : (region?.FrameOfReferenceUID ?? axes.long?.FrameOfReferenceUID ?? facts?.FrameOfReferenceUID);
  return compact({
    ...base.snapshot,
    attributes: { ...observations.attributes, ...facts?.attributes },
    scope: 'image' as const,
    StudyInstanceUID: source.StudyInstanceUID,
    SeriesInstanceUID: image.SeriesInstanceUID,
    SOPInstanceUID: image.SOPInstanceUID,
    frameNumber: selected?.frameNumber,
    FrameOfReferenceUID,
    geometry,
    measurements: observations.measurements.length > 0 ? observations.measurements : undefined,
    text: facts?.text ?? observations.text,
  });
}
