import type { CodedConcept } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { imageToWorld, worldToImage } from '../source/imagePlaneCoordinates.js';
import type { FramePlane, Vec3 } from '../source/sourceTypes.js';
import type { Graphic, GraphicType } from './annotationGraphics.js';
import { scoord3dItem, scoordItem, type ImageReference, type Relationship } from './contentItems.js';

/**
 * Where an annotation's coordinates live. Images in a patient Frame of Reference get SCOORD3D:
 * the label's own patient coordinates, no projection. Images without one (radiographs,
 * ultrasound) get SCOORD: image coordinates selected from the image frame they were drawn on.
 */
export type Placement =
  | { space: 'patient'; FrameOfReferenceUID: string }
  | { space: 'image'; plane: FramePlane; image: ImageReference };

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
