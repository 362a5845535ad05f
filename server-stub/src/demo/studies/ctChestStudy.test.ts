import type { DicomBinary, DicomDataset } from '../dicomPart10.js';
import { CHEST_CT_GEOMETRY, CT_IMAGE_STORAGE, ctChestPriorStudy, ctChestStudy, getChestCtLesion } from './ctChestStudy.js';

const seed = 20240601;
const current = [...ctChestStudy.datasets({ seed })];
const prior = [...ctChestPriorStudy.datasets({ seed })];

function numbers(dataset: DicomDataset, keyword: string): number[] {
  const value = dataset[keyword];
  return (Array.isArray(value) ? value : [value]).map(Number);
}

function storedPixels(dataset: DicomDataset): Uint16Array {
  const { bytes } = dataset.PixelData as DicomBinary;
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

/** Mean HU in a (2r+1)^2 pixel square around patient position (x, y) of a slice. */
function meanHu(dataset: DicomDataset, x: number, y: number, r = 2): number {
  const [x0 = 0, y0 = 0] = numbers(dataset, 'ImagePositionPatient');
  const [rowSpacing = 1, columnSpacing = 1] = numbers(dataset, 'PixelSpacing');
  const column = Math.round((x - x0) / columnSpacing);
  const row = Math.round((y - y0) / rowSpacing);
  const pixels = storedPixels(dataset);
  let sum = 0;
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) sum += pixels[(row + dy) * 512 + column + dx] ?? NaN;
  return sum / (2 * r + 1) ** 2 + Number(dataset.RescaleIntercept);
}

function sliceNearest(series: DicomDataset[], z: number): DicomDataset {
  return series.reduce((best, d) => (Math.abs(numbers(d, 'ImagePositionPatient')[2]! - z) < Math.abs(numbers(best, 'ImagePositionPatient')[2]! - z) ? d : best));
}

describe.each([
  ['current', current],
  ['prior', prior],
])('chest CT (%s)', (_, series) => {
  it('has at least 64 axial 512x512 CT slices in one series', () => {
    expect(series.length).toBeGreaterThanOrEqual(64);
    expect(new Set(series.map(d => d.SeriesInstanceUID)).size).toBe(1);
    expect(new Set(series.map(d => d.SOPInstanceUID)).size).toBe(series.length);
    for (const d of series) {
      expect(d).toMatchObject({ SOPClassUID: CT_IMAGE_STORAGE, Modality: 'CT', Rows: 512, Columns: 512, PhotometricInterpretation: 'MONOCHROME2' });
      expect(d).toMatchObject({ BitsAllocated: 16, BitsStored: 12, HighBit: 11, PixelRepresentation: 0, RescaleIntercept: -1024, RescaleSlope: 1 });
      expect(storedPixels(d)).toHaveLength(512 * 512);
      expect(storedPixels(d).reduce((max, v) => (v > max ? v : max), 0)).toBeLessThan(4096);
    }
  });

  it('has lung and mediastinal windows', () => {
    expect(series[0]).toMatchObject({ WindowCenter: [-600, 40], WindowWidth: [1500, 400], WindowCenterWidthExplanation: ['LUNG', 'MEDIASTINUM'] });
  });

  // Cornerstone builds a volume only if slices are parallel, evenly spaced and share a frame of reference.
  it('has geometry a viewer can stack into a volume', () => {
    expect(new Set(series.map(d => d.FrameOfReferenceUID)).size).toBe(1);
    const zs = series.map(d => numbers(d, 'ImagePositionPatient')[2]!);
    series.forEach((d, i) => {
      expect(numbers(d, 'ImageOrientationPatient')).toEqual([1, 0, 0, 0, 1, 0]);
      expect(numbers(d, 'ImagePositionPatient').slice(0, 2)).toEqual(numbers(series[0]!, 'ImagePositionPatient').slice(0, 2));
      expect(Number(d.SliceLocation)).toBe(zs[i]);
      expect(d.InstanceNumber).toBe(i + 1);
      if (i > 0) expect(zs[i - 1]! - zs[i]!).toBeCloseTo(Number(d.SliceThickness), 6);
    });
    const [rowSpacing, columnSpacing] = numbers(series[0]!, 'PixelSpacing');
    expect(rowSpacing).toBe(columnSpacing);
    expect(rowSpacing! * 512).toBeCloseTo(Number(series[0]!.ReconstructionDiameter), 6);
  });

  it('shows air, lung, soft tissue and bone at plausible HU', () => {
    const middle = sliceNearest(series, -20);
    expect(meanHu(middle, -170, -170)).toBeLessThan(-950);
    expect(meanHu(middle, 72, 40)).toBeGreaterThan(-900);
    expect(meanHu(middle, 72, 40)).toBeLessThan(-800);
    expect(meanHu(middle, 0, 82)).toBeGreaterThan(150);
    // Paraspinal muscle.
    expect(Math.abs(meanHu(middle, 25, 110) - 40)).toBeLessThan(25);
  });
});

describe('chest CT lesion', () => {
  const lesion = getChestCtLesion({ seed, variant: 'current' });
  const priorLesion = getChestCtLesion({ seed, variant: 'prior' });
  const [x, y, z] = lesion.center;

  it('is an 8-12 mm nodule in the right lung, smaller on the prior at the same place', () => {
    expect(lesion.diameterMm).toBeGreaterThanOrEqual(8);
    expect(lesion.diameterMm).toBeLessThanOrEqual(12);
    expect(x).toBeLessThan(0);
    expect(priorLesion.center).toEqual(lesion.center);
    expect(priorLesion.diameterMm).toBeLessThan(lesion.diameterMm);
  });

  it('is in the pixel data at soft-tissue HU, surrounded by lung', () => {
    const central = sliceNearest(current, z);
    expect(meanHu(central, x, y)).toBeGreaterThan(0);
    expect(meanHu(central, x, y)).toBeLessThan(80);
    expect(meanHu(central, x + lesion.diameterMm, y)).toBeLessThan(-700);
    expect(meanHu(sliceNearest(current, z + 20), x, y)).toBeLessThan(-700);
  });

  it('spans several slices on the current study and fewer on the prior', () => {
    const lesionSlices = (series: DicomDataset[]) => series.filter(d => meanHu(d, x, y, 1) > -300).length;
    const slices = lesionSlices(current);
    expect(slices).toBeGreaterThanOrEqual(3);
    expect(slices * CHEST_CT_GEOMETRY.sliceSpacingMm).toBeLessThanOrEqual(lesion.diameterMm + CHEST_CT_GEOMETRY.sliceSpacingMm);
    expect(lesionSlices(prior)).toBeGreaterThan(0);
    expect(lesionSlices(prior)).toBeLessThan(slices);
  });
});

describe('chest CT studies', () => {
  it('are two studies of the same patient, the prior earlier', () => {
    const [a, b] = [current[0]!, prior[0]!];
    expect(a.StudyInstanceUID).not.toBe(b.StudyInstanceUID);
    expect(a.FrameOfReferenceUID).not.toBe(b.FrameOfReferenceUID);
    expect(a.PatientID).toBe(b.PatientID);
    expect(a.PatientName).toBe('DEMO^CHEST^CT');
    expect(String(b.StudyDate) < String(a.StudyDate)).toBe(true);
  });
});
