import type { DicomBinary, DicomDataset } from '../dicomPart10.js';
import { ECHO_GEOMETRY, getVentricle } from '../phantoms/echoPhantom.js';
import { US_MULTIFRAME_STORAGE, usCineStudy } from './usCineStudy.js';

const [cine] = [...usCineStudy.datasets({ seed: 3 })] as [DicomDataset];
const { columns, rows } = ECHO_GEOMETRY;
const frameBytes = columns * rows * 3;

function frame(index: number): Uint8Array {
  const { bytes } = cine.PixelData as DicomBinary;
  return bytes.subarray(index * frameBytes, (index + 1) * frameBytes);
}

/** Mean grey level along the ventricle's vertical axis, where the wall moves. */
function brightnessAlongAxis(pixels: Uint8Array, fromRow: number, toRow: number): number {
  let sum = 0;
  for (let row = fromRow; row < toRow; row++) {
    for (let dx = -3; dx <= 3; dx++) sum += pixels[(row * columns + ECHO_GEOMETRY.apexX + dx) * 3 + 1] ?? 0;
  }
  return sum / ((toRow - fromRow) * 7);
}

describe('ultrasound cine', () => {
  it('is one RGB multi-frame instance with cine timing', () => {
    expect(cine).toMatchObject({
      SOPClassUID: US_MULTIFRAME_STORAGE,
      Modality: 'US',
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'RGB',
      PlanarConfiguration: 0,
      BitsAllocated: 8,
      Rows: rows,
      Columns: columns,
      FrameIncrementPointer: 0x00181063,
      FrameTime: 40,
      CineRate: 25,
    });
    expect(Number(cine.NumberOfFrames)).toBeGreaterThanOrEqual(20);
    expect((cine.PixelData as DicomBinary).bytes).toHaveLength(Number(cine.NumberOfFrames) * frameBytes);
  });

  it('calibrates the B-mode region in centimetres', () => {
    const [region] = cine.SequenceOfUltrasoundRegions as DicomDataset[];
    expect(region).toMatchObject({ RegionSpatialFormat: 1, RegionDataType: 1, PhysicalUnitsXDirection: 3, PhysicalDeltaX: 0.0625 });
  });

  it('moves: the ventricle wall contracts towards end-systole and the loop closes', () => {
    const diastole = getVentricle(0, ECHO_GEOMETRY);
    const systole = getVentricle(15, ECHO_GEOMETRY);
    // Between the end-diastolic and end-systolic inner wall (near the apex) the cavity turns into bright myocardium.
    const from = Math.round(diastole.y - diastole.ry) + 1;
    const to = Math.round(systole.y - systole.ry) - 1;
    expect(to).toBeGreaterThan(from);
    expect(brightnessAlongAxis(frame(15), from, to)).toBeGreaterThan(brightnessAlongAxis(frame(0), from, to) * 3);
    expect(brightnessAlongAxis(frame(29), from, to)).toBeLessThan(brightnessAlongAxis(frame(15), from, to) / 3);
  });

  it('shows colour flow only while the ventricle fills', () => {
    const coloured = (pixels: Uint8Array) => {
      let n = 0;
      for (let i = 0; i < pixels.length; i += 3) if (pixels[i] !== pixels[i + 1]) n++;
      return n;
    };
    expect(coloured(frame(5))).toBe(0);
    expect(coloured(frame(22))).toBeGreaterThan(100);
  });
});
