import { imageToWorld } from '../source/imagePlaneCoordinates.js';
import type { FramePlane, Vec3 } from '../source/sourceTypes.js';
import { choosePlacement, ON_PLANE_TOLERANCE_MM, readGraphicPoints } from './placeGraphic.js';

const plane: FramePlane = { ImagePositionPatient: [-100, -120, 30], rowCosines: [0, 1, 0], columnCosines: [0, 0, -1], PixelSpacing: [0.9, 0.6], isPatientSpace: true };
const image = { ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.4', ReferencedSOPInstanceUID: '2.25.1' };
// The plane's normal is x: a point's distance from it is its x offset.
const shifted = ([x, y, z]: Vec3, by: number): Vec3 => [x + by, y, z];
const onPlane = [imageToWorld(plane, [10.5, 20.5]), imageToWorld(plane, [200.25, 80.75])];

describe('choosePlacement', () => {
  test('points on the image plane are written in that image frame\'s coordinates (SCOORD)', () => {
    expect(choosePlacement(onPlane, plane, image, '2.25.9')).toEqual({ space: 'image', plane, image });
    expect(choosePlacement([onPlane[0]!, shifted(onPlane[1]!, ON_PLANE_TOLERANCE_MM * 0.9)], plane, image, '2.25.9').space).toBe('image');
  });

  test('a point off the plane keeps patient coordinates (SCOORD3D) in the Frame of Reference', () => {
    expect(choosePlacement([onPlane[0]!, shifted(onPlane[1]!, ON_PLANE_TOLERANCE_MM * 2)], plane, image, '2.25.9')).toEqual({ space: 'patient', FrameOfReferenceUID: '2.25.9' });
  });

  test('without a Frame of Reference or patient geometry there is only the image to select from', () => {
    expect(choosePlacement([shifted(onPlane[0]!, 3)], plane, image, undefined).space).toBe('image');
    expect(choosePlacement([shifted(onPlane[0]!, 3)], { ...plane, isPatientSpace: false }, image, '2.25.9').space).toBe('image');
  });

  test('SCOORD graphic data reads back as the patient points it was written from', () => {
    const points = readGraphicPoints('SCOORD', [10.5, 20.5, 200.25, 80.75], plane);
    points.forEach((p, i) => p.forEach((v, axis) => expect(v).toBeCloseTo(onPlane[i]![axis]!, 9)));
  });
});
