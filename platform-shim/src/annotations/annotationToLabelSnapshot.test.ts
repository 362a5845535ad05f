import { annotationToLabelSnapshot } from './annotationToLabelSnapshot';
import type { CornerstoneAnnotation, ImageReference } from './annotationTypes';

const image: ImageReference = { StudyInstanceUID: '1.2.1', SeriesInstanceUID: '1.2.2', SOPInstanceUID: '1.2.3' };
const lookup = (imageId: string) => (imageId === 'wadors:/img/1' ? image : undefined);

const length = (overrides: Partial<CornerstoneAnnotation> = {}): CornerstoneAnnotation => ({
  annotationUID: '0192f0c8-0000-7000-8000-000000000001',
  metadata: {
    toolName: 'Length',
    FrameOfReferenceUID: '1.2.9',
    referencedImageId: 'wadors:/img/1',
    viewPlaneNormal: [0, 0, -1],
    viewUp: [0, -1, 0],
  },
  data: {
    handles: { points: [[1, 2, 3], [4, 5, 6]] },
    cachedStats: { 'imageId:wadors:/img/1': { length: 5.196, unit: 'mm' } },
    label: '',
  },
  ...overrides,
});

describe('annotationToLabelSnapshot', () => {
  it('maps a length measurement to UIDs, world geometry and its measurement', () => {
    expect(annotationToLabelSnapshot(length(), lookup)).toEqual({
      ok: true,
      snapshot: {
        labelId: '0192f0c8-0000-7000-8000-000000000001',
        StudyInstanceUID: '1.2.1',
        SeriesInstanceUID: '1.2.2',
        SOPInstanceUID: '1.2.3',
        FrameOfReferenceUID: '1.2.9',
        toolName: 'Length',
        geometry: { points: [[1, 2, 3], [4, 5, 6]], viewPlaneNormal: [0, 0, -1], viewUp: [0, -1, 0] },
        measurements: [{ name: 'length', value: 5.196, unit: 'mm' }],
      },
    });
  });

  it('keeps the frame number of multi-frame images and the annotation text', () => {
    const result = annotationToLabelSnapshot(length({ data: { handles: { points: [[0, 0, 0]] }, label: 'nodule' } }), () => ({
      ...image,
      frameNumber: 7,
    }));
    expect(result).toMatchObject({ ok: true, snapshot: { frameNumber: 7, text: 'nodule' } });
  });

  it('takes ROI statistics with their units', () => {
    const roi = length({
      metadata: { toolName: 'EllipticalROI', referencedImageId: 'wadors:/img/1' },
      data: {
        handles: { points: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]] },
        cachedStats: { t: { area: 12.5, areaUnit: 'mm²', mean: -850.2, stdDev: 20, modalityUnit: 'HU', isEmptyArea: false } },
      },
    });
    const result = annotationToLabelSnapshot(roi, lookup);
    expect(result.ok && result.snapshot.measurements).toEqual([
      { name: 'area', value: 12.5, unit: 'mm²' },
      { name: 'mean', value: -850.2, unit: 'HU' },
      { name: 'stdDev', value: 20, unit: 'HU' },
    ]);
  });

  it.each([
    ['no UID', { annotationUID: undefined }, 'no UID'],
    ['no image (volume reformat)', { metadata: { toolName: 'Length' } }, 'not on an acquired image'],
    ['an image without metadata', { metadata: { toolName: 'Length', referencedImageId: 'wadors:/unknown' } }, 'no DICOM metadata'],
  ])('refuses an annotation with %s, saying why', (_name, overrides, reason) => {
    const result = annotationToLabelSnapshot(length(overrides as Partial<CornerstoneAnnotation>), lookup);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('drops malformed points rather than sending NaN', () => {
    const result = annotationToLabelSnapshot(length({ data: { handles: { points: [[1, 2, 3], [NaN, 0, 0], [1, 2]] } } }), lookup);
    expect(result.ok && result.snapshot.geometry.points).toEqual([[1, 2, 3]]);
  });
});
