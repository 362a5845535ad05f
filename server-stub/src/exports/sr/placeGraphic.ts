import type { CodedConcept } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { POINT_TOLERANCE_MM } from '../isSameLabel.js';
import { distanceFromPlane, imageToWorld, worldToImage } from '../source/imagePlaneCoordinates.js';
import type { FramePlane, Vec3 } from '../source/sourceTypes.js';
import type { Graphic, GraphicType } from './annotationGraphics.js';
import { scoord3dItem, scoordItem, type ImageReference, type Relationship } from './contentItems.js';

/**
 * Where an annotation's coordinates live: SCOORD in image coordinates selected from the image
 * frame it is drawn on, or SCOORD3D in patient coordinates of a Frame of Reference.
 */
export type Placement =
  | { space: 'patient'; FrameOfReferenceUID: string }
  | { space: 'image'; plane: FramePlane; image: ImageReference };

/**
 * How far (mm) a point may lie off its image's plane and still be written in that image's
 * coordinates: well below what a read-back label may differ by (POINT_TOLERANCE_MM), so the
 * projection and float32 Graphic Data together stay within it.
 */
export const ON_PLANE_TOLERANCE_MM = POINT_TOLERANCE_MM / 10;

/**
 * The interoperable form wherever it holds the label: SCOORD selected from the image frame when
 * every point lies on that frame's plane (what OHIF and other viewers draw on the image), and for
 * images without patient geometry (radiographs, ultrasound). SCOORD3D only for points in a Frame
 * of Reference that are not on one image (e.g. drawn between slices), which SCOORD cannot hold.
 */
export function choosePlacement(points: Vec3[], plane: FramePlane, image: ImageReference, FrameOfReferenceUID: string | undefined): Placement {
  const onImage = points.every(point => distanceFromPlane(plane, point) <= ON_PLANE_TOLERANCE_MM);
  if (plane.isPatientSpace && FrameOfReferenceUID && !onImage) return { space: 'patient', FrameOfReferenceUID };
  return { space: 'image', plane, image };
}

export function graphicItem(relationship: Relationship, concept: CodedConcept | undefined, graphic: Graphic, placement: Placement): DicomDataset {
  if (placement.space === 'patient') return scoord3dItem(relationship, concept, graphic.GraphicType, graphic.points, placement.FrameOfReferenceUID);
  return scoordItem(relationship, concept, graphic.GraphicType, graphic.points.map(p => worldToImage(placement.plane, p)), placement.image);
}

/** Graphic data back to patient points: SCOORD3D as is, SCOORD through the frame's plane. */
export function readGraphicPoints(ValueType: 'SCOORD' | 'SCOORD3D', data: number[], plane: FramePlane | undefined): Vec3[] {
  const points: Vec3[] = [];
  if (ValueType === 'SCOORD3D') {
    for (let i = 0; i + 2 < data.length; i += 3) points.push([data[i]!, data[i + 1]!, data[i + 2]!]);
    return points;
  }
  if (!plane) throw new Error('image coordinates need the plane of the image they were selected from');
  for (let i = 0; i + 1 < data.length; i += 2) points.push(imageToWorld(plane, [data[i]!, data[i + 1]!]));
  return points;
}

export const GRAPHIC_TYPES: readonly GraphicType[] = ['POINT', 'MULTIPOINT', 'POLYLINE', 'ELLIPSE'];
