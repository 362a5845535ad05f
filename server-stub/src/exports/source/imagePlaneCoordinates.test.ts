import { distanceFromPlane, imageToWorld, worldToImage } from './imagePlaneCoordinates.js';
import type { FramePlane, Vec3 } from './sourceTypes.js';

const axial: FramePlane = { ImagePositionPatient: [-175.2, -190.6, -42.5], rowCosines: [1, 0, 0], columnCosines: [0, 1, 0], PixelSpacing: [0.683, 0.683], isPatientSpace: true };

// An oblique plane (rotated about two axes), with rectangular pixels so swapped spacings would show.
const c = Math.cos(0.4);
const s = Math.sin(0.4);
const tilt = Math.SQRT1_2;
const oblique: FramePlane = {
  ImagePositionPatient: [12.5, -80.25, 33.125],
  rowCosines: [c, s * tilt, s * tilt],
  columnCosines: [0, tilt, -tilt],
  PixelSpacing: [0.5, 0.8],
  isPatientSpace: true,
};

describe('image plane coordinates (SCOORD column, row ↔ patient mm)', () => {
  test('the centre of the top left pixel is Image Position Patient and is 0.5, 0.5', () => {
    for (const plane of [axial, oblique]) {
      expect(worldToImage(plane, plane.ImagePositionPatient)).toEqual([0.5, 0.5]);
      expect(imageToWorld(plane, [0.5, 0.5])).toEqual(plane.ImagePositionPatient);
    }
  });

  test('one column is a step of the spacing between columns along the row direction; one row of the spacing between rows down the column direction', () => {
    const next = imageToWorld(oblique, [1.5, 0.5]);
    const below = imageToWorld(oblique, [0.5, 1.5]);
    const o = oblique.ImagePositionPatient;
    next.forEach((v, i) => expect(v).toBeCloseTo(o[i]! + 0.8 * oblique.rowCosines[i]!, 12));
    below.forEach((v, i) => expect(v).toBeCloseTo(o[i]! + 0.5 * oblique.columnCosines[i]!, 12));
  });

  test.each([
    ['axial', axial],
    ['oblique', oblique],
  ])('world → pixel → world gives the point back on an %s plane, and pixel → world → pixel the pixel', (_name, plane) => {
    for (const pixel of [[0, 0], [0.5, 0.5], [255.25, 17.75], [511.999, 511.999], [-3, 600]] as Array<[number, number]>) {
      const world = imageToWorld(plane, pixel);
      expect(distanceFromPlane(plane, world)).toBeLessThan(1e-9);
      const back = worldToImage(plane, world);
      expect(back[0]).toBeCloseTo(pixel[0], 9);
      expect(back[1]).toBeCloseTo(pixel[1], 9);
      const again = imageToWorld(plane, back);
      again.forEach((v, i) => expect(v).toBeCloseTo(world[i]!, 9));
    }
  });

  test('a point off the plane is projected onto it, and its distance from the plane is what is lost', () => {
    const normal: Vec3 = [
      oblique.rowCosines[1] * oblique.columnCosines[2] - oblique.rowCosines[2] * oblique.columnCosines[1],
      oblique.rowCosines[2] * oblique.columnCosines[0] - oblique.rowCosines[0] * oblique.columnCosines[2],
      oblique.rowCosines[0] * oblique.columnCosines[1] - oblique.rowCosines[1] * oblique.columnCosines[0],
    ];
    const onPlane = imageToWorld(oblique, [100, 200]);
    const off: Vec3 = [onPlane[0] + 2.5 * normal[0], onPlane[1] + 2.5 * normal[1], onPlane[2] + 2.5 * normal[2]];
    expect(distanceFromPlane(oblique, off)).toBeCloseTo(2.5, 12);
    expect(distanceFromPlane(axial, [0, 0, -40])).toBeCloseTo(2.5, 12);
    const projected = imageToWorld(oblique, worldToImage(oblique, off));
    projected.forEach((v, i) => expect(v).toBeCloseTo(onPlane[i]!, 9));
  });
});
