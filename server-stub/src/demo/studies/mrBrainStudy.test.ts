import type { DicomBinary, DicomDataset } from '../dicomPart10.js';
import { BRAIN_LESION, TISSUE, renderBrainLabels } from '../phantoms/brainMrPhantom.js';
import { BRAIN_MR_GEOMETRY, MR_IMAGE_STORAGE, mrBrainStudy } from './mrBrainStudy.js';

const instances = [...mrBrainStudy.datasets({ seed: 9 })];
const bySeries = new Map<string, DicomDataset[]>();
for (const instance of instances) {
  const key = String(instance.SeriesDescription);
  bySeries.set(key, [...(bySeries.get(key) ?? []), instance]);
}

function storedPixels(dataset: DicomDataset): Uint16Array {
  const { bytes } = dataset.PixelData as DicomBinary;
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}

/** Median stored value over the pixels labelled `tissue` in the slice. */
function tissueMedian(dataset: DicomDataset, tissue: number): number {
  const size = BRAIN_MR_GEOMETRY.size;
  const spacing = BRAIN_MR_GEOMETRY.fieldOfViewMm / size;
  const origin = -BRAIN_MR_GEOMETRY.fieldOfViewMm / 2 + spacing / 2;
  const z = Number((dataset.ImagePositionPatient as number[])[2]);
  const labels = renderBrainLabels({ columns: size, rows: size, originX: origin, originY: origin, spacing }, z);
  const pixels = storedPixels(dataset);
  const values = [...pixels].filter((_, i) => labels[i] === tissue).sort((a, b) => a - b);
  if (values.length === 0) throw new Error(`No tissue ${tissue} in the slice at z=${z}`);
  return values[values.length >> 1]!;
}

describe('MR brain', () => {
  it('has T1, T2 and FLAIR axial series of 20 slices, 256x256', () => {
    expect([...bySeries.keys()]).toEqual(['AX T1 SE', 'AX T2 TSE', 'AX FLAIR']);
    for (const series of bySeries.values()) {
      expect(series).toHaveLength(20);
      expect(new Set(series.map(d => d.SeriesInstanceUID)).size).toBe(1);
      for (const d of series) expect(d).toMatchObject({ SOPClassUID: MR_IMAGE_STORAGE, Modality: 'MR', Rows: 256, Columns: 256, MagneticFieldStrength: 1.5 });
    }
    expect(new Set(instances.map(d => d.SOPInstanceUID)).size).toBe(60);
  });

  it('records sequence parameters that match each contrast', () => {
    const first = (name: string) => bySeries.get(name)![0]!;
    expect(first('AX T1 SE')).toMatchObject({ ScanningSequence: ['SE'], RepetitionTime: 500, EchoTime: 12 });
    expect(first('AX T2 TSE')).toMatchObject({ ScanningSequence: ['SE'], SequenceVariant: ['SK'], RepetitionTime: 4000, EchoTime: 100 });
    expect(first('AX FLAIR')).toMatchObject({ ScanningSequence: ['SE', 'IR'], InversionTime: 2500 });
    expect(first('AX T1 SE').InversionTime).toBeUndefined();
  });

  it('shares one frame of reference and slice geometry across series', () => {
    expect(new Set(instances.map(d => d.FrameOfReferenceUID)).size).toBe(1);
    const zs = (series: DicomDataset[]) => series.map(d => (d.ImagePositionPatient as number[])[2]);
    for (const series of bySeries.values()) {
      expect(zs(series)).toEqual(zs(bySeries.get('AX T1 SE')!));
      series.slice(1).forEach((d, i) => {
        expect(Number((d.ImagePositionPatient as number[])[2]) - Number((series[i]!.ImagePositionPatient as number[])[2])).toBe(d.SpacingBetweenSlices);
      });
    }
  });

  it('shows the textbook contrasts: CSF dark on T1 and FLAIR, bright on T2; the lesion bright on T2 and FLAIR', () => {
    const lesionSlice = (name: string) =>
      bySeries.get(name)!.reduce((best, d) =>
        Math.abs(Number((d.ImagePositionPatient as number[])[2]) - BRAIN_LESION.center[2]) <
        Math.abs(Number((best.ImagePositionPatient as number[])[2]) - BRAIN_LESION.center[2]) ? d : best);
    const t1 = lesionSlice('AX T1 SE');
    const t2 = lesionSlice('AX T2 TSE');
    const flair = lesionSlice('AX FLAIR');
    expect(tissueMedian(t1, TISSUE.white)).toBeGreaterThan(tissueMedian(t1, TISSUE.gray));
    expect(tissueMedian(t1, TISSUE.gray)).toBeGreaterThan(tissueMedian(t1, TISSUE.csf));
    expect(tissueMedian(t2, TISSUE.csf)).toBeGreaterThan(tissueMedian(t2, TISSUE.gray));
    expect(tissueMedian(t2, TISSUE.gray)).toBeGreaterThan(tissueMedian(t2, TISSUE.white));
    expect(tissueMedian(flair, TISSUE.csf)).toBeLessThan(tissueMedian(flair, TISSUE.white) / 2);
    expect(tissueMedian(t2, TISSUE.lesion)).toBeGreaterThan(tissueMedian(t2, TISSUE.white) * 1.5);
    expect(tissueMedian(flair, TISSUE.lesion)).toBeGreaterThan(tissueMedian(flair, TISSUE.white) * 1.5);
  });
});
