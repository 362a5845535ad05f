import type { AnnotationGeometry, FindingType, LabelSnapshot } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { concepts, privateConcepts, TEMPLATES } from '../dicom/concepts.js';
import { writeLabelFacts, type LabelFacts } from '../dicom/labelFacts.js';
import { uuidToUid } from '../dicom/uuidUid.js';
import type { SourceImage, Vec3 } from '../source/sourceTypes.js';
import { toAnnotationGraphics } from './annotationGraphics.js';
import { codeItem, containerItem, imageItem, numItem, textItem, uidrefItem, type ImageReference } from './contentItems.js';
import { encodeObservations, unwrittenValues } from './encodeObservations.js';
import { choosePlacement, graphicItem, type Placement } from './placeGraphic.js';
import { unitToUcum } from '../dicom/ucumUnits.js';

export class LabelExportError extends Error {
  override name = 'LabelExportError';
  constructor(
    readonly labelId: string,
    message: string,
  ) {
    super(message);
  }
}

/** The image reference and coordinate space of an image label. */
export function placeLabel(label: LabelSnapshot, image: SourceImage): { reference: ImageReference; placement: Placement } {
  const frameIndex = (label.frameNumber ?? 1) - 1;
  const plane = image.planes[frameIndex];
  if (!plane) throw new LabelExportError(label.labelId, `the image has no frame ${frameIndex + 1}`);
  const reference: ImageReference = {
    ReferencedSOPClassUID: image.SOPClassUID,
    ReferencedSOPInstanceUID: image.SOPInstanceUID,
    ReferencedFrameNumber: label.frameNumber,
  };
  const points = (label.geometry as AnnotationGeometry).points as Vec3[];
  return { reference, placement: choosePlacement(points, plane, reference, label.FrameOfReferenceUID ?? image.FrameOfReferenceUID) };
}

/** Tracking Identifier and Tracking UID: the label id, as text and as its 2.25 UID. */
export function trackingItems(labelId: string, relationship: 'HAS OBS CONTEXT' | 'HAS PROPERTIES'): DicomDataset[] {
  return [textItem(relationship, concepts.trackingIdentifier, labelId), uidrefItem(relationship, concepts.trackingUniqueIdentifier, uuidToUid(labelId))];
}

/**
 * One drawn label as a measurement group: TID 1410 (Planar ROI) with its Image Region, or, for
 * a bidirectional, TID 1501 whose Long Axis and Short Axis NUMs are INFERRED FROM their lines.
 * Finding and Finding category are the finding type's codes; the source image is named.
 */
export function encodeAnnotationGroup(label: LabelSnapshot, finding: FindingType, image: SourceImage, facts: LabelFacts): DicomDataset {
  const geometry = label.geometry as AnnotationGeometry;
  const { reference, placement } = placeLabel(label, image);
  const graphics = toAnnotationGraphics(geometry);
  const head = [
    ...trackingItems(label.labelId, 'HAS OBS CONTEXT'),
    codeItem('CONTAINS', concepts.findingCategory, finding.category),
    codeItem('CONTAINS', concepts.finding, finding.code),
    imageItem('CONTAINS', concepts.source, reference),
  ];
  const groupFacts: LabelFacts = {
    ...facts,
    ...unwrittenValues(label),
    kind: geometry.kind,
    toolName: geometry.toolName,
    closed: geometry.closed,
    viewPlaneNormal: geometry.viewPlaneNormal,
    viewUp: geometry.viewUp,
    minorAxisFirst: graphics.form === 'region' ? graphics.minorAxisFirst : undefined,
    FrameOfReferenceUID: placement.space === 'image' ? label.FrameOfReferenceUID : undefined,
    absent: placement.space === 'patient' && label.FrameOfReferenceUID === undefined ? ['FrameOfReferenceUID'] : undefined,
  };
  const factsItem = textItem('CONTAINS', privateConcepts.labelFacts, writeLabelFacts(groupFacts));
  if (graphics.form === 'region') {
    const region = graphicItem('CONTAINS', concepts.imageRegion, graphics.region, placement);
    const observations = encodeObservations(label, finding, 'CONTAINS', { kind: geometry.kind });
    return containerItem('CONTAINS', concepts.measurementGroup, [...head, region, ...observations, factsItem], TEMPLATES.planarRoi);
  }
  const axisOf = { length: graphics.longAxis, width: graphics.shortAxis } as const;
  const childrenOf = (name: string) => {
    const axis = axisOf[name as keyof typeof axisOf];
    return axis ? [graphicItem('INFERRED FROM', undefined, axis, placement)] : undefined;
  };
  const observations = encodeObservations(label, finding, 'CONTAINS', { kind: geometry.kind, childrenOf });
  // An axis the label has no measurement for is still drawn: a NUM without a value.
  const names = new Set((label.measurements ?? []).map(m => m.name));
  const unmeasured = (['length', 'width'] as const)
    .filter(name => !names.has(name))
    .map(name => numItem('CONTAINS', name === 'length' ? concepts.longAxis : concepts.shortAxis, undefined, unitToUcum('mm'), childrenOf(name)));
  return containerItem('CONTAINS', concepts.measurementGroup, [...head, ...observations, ...unmeasured, factsItem], TEMPLATES.measurementGroup);
}
