import { annotationToLabelShape } from './annotationToLabelShape';
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

describe('annotationToLabelShape', () => {
  it('maps a length measurement to an image-level shape: UIDs, world geometry and its measurement', () => {
    expect(annotationToLabelShape(length(), lookup)).toEqual({
      ok: true,
      shape: {
        labelId: '0192f0c8-0000-7000-8000-000000000001',
        scope: 'image',
        StudyInstanceUID: '1.2.1',
        SeriesInstanceUID: '1.2.2',
        SOPInstanceUID: '1.2.3',
        FrameOfReferenceUID: '1.2.9',
        geometry: { kind: 'length', toolName: 'Length', points: [[1, 2, 3], [4, 5, 6]], viewPlaneNormal: [0, 0, -1], viewUp: [0, -1, 0] },
        measurements: [{ name: 'length', value: 5.196, unit: 'mm' }],
      },
    });
  });

  it.each([
    ['Probe', 'point'],
    ['Bidirectional', 'bidirectional'],
    ['EllipticalROI', 'ellipse'],
    ['RectangleROI', 'rectangle'],
  ])('names the geometry %s draws as a %s', (toolName, kind) => {
    const result = annotationToLabelShape(length({ metadata: { toolName, referencedImageId: 'wadors:/img/1' } }), lookup);
    expect(result.ok && result.shape.geometry).toMatchObject({ kind, toolName });
  });

  it('takes a freehand outline from its contour, open or closed (its handles are empty)', () => {
    const freehand = length({
      metadata: { toolName: 'PlanarFreehandROI', referencedImageId: 'wadors:/img/1' },
      data: { handles: { points: [] }, contour: { polyline: [[0, 0, 0], [1, 0, 0], [1, 1, 0]], closed: true } },
    });
    const result = annotationToLabelShape(freehand, lookup);
    expect(result.ok && result.shape.geometry).toEqual({ kind: 'freehand', toolName: 'PlanarFreehandROI', points: [[0, 0, 0], [1, 0, 0], [1, 1, 0]], closed: true });
  });

  it('keeps the frame number of multi-frame images and the annotation text', () => {
    const result = annotationToLabelShape(length({ data: { handles: { points: [[0, 0, 0]] }, label: 'nodule' } }), () => ({
      ...image,
      frameNumber: 7,
    }));
    expect(result).toMatchObject({ ok: true, shape: { frameNumber: 7, text: 'nodule' } });
  });

  it('takes ROI statistics and probe values with their units', () => {
    const roi = length({
      metadata: { toolName: 'EllipticalROI', referencedImageId: 'wadors:/img/1' },
      data: {
        handles: { points: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]] },
        cachedStats: { t: { area: 12.5, areaUnit: 'mm²', mean: -850.2, stdDev: 20, modalityUnit: 'HU', isEmptyArea: false } },
      },
    });
    const result = annotationToLabelShape(roi, lookup);
    expect(result.ok && result.shape.measurements).toEqual([
      { name: 'area', value: 12.5, unit: 'mm²' },
      { name: 'mean', value: -850.2, unit: 'HU' },
      { name: 'stdDev', value: 20, unit: 'HU' },
    ]);
    const probe = length({ metadata: { toolName: 'Probe', referencedImageId: 'wadors:/img/1' }, data: { handles: { points: [[0, 0, 0]] }, cachedStats: { t: { value: 40, modalityUnit: 'HU', index: [1, 2, 0] } } } });
    const probed = annotationToLabelShape(probe, lookup);
    expect(probed.ok && probed.shape.measurements).toEqual([{ name: 'value', value: 40, unit: 'HU' }]);
  });

  it.each([
    ['no UID', { annotationUID: undefined }, 'no UID'],
    ['a tool labels are not made with', { metadata: { toolName: 'Angle', referencedImageId: 'wadors:/img/1' } }, 'Angle does not make labels'],
    ['no image (volume reformat)', { metadata: { toolName: 'Length' } }, 'not on an acquired image'],
    ['an image without metadata', { metadata: { toolName: 'Length', referencedImageId: 'wadors:/unknown' } }, 'no DICOM metadata'],
    ['no points', { data: { handles: { points: [] } } }, 'no points'],
  ])('refuses an annotation with %s, saying why', (_name, overrides, reason) => {
    const result = annotationToLabelShape(length(overrides as Partial<CornerstoneAnnotation>), lookup);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses a freehand outline longer than the contract allows instead of thinning it', () => {
    const points = Array.from({ length: 10_001 }, (_, i) => [i, 0, 0]);
    const result = annotationToLabelShape(length({ metadata: { toolName: 'PlanarFreehandROI', referencedImageId: 'wadors:/img/1' }, data: { contour: { polyline: points } } }), lookup);
    expect(result).toEqual({ ok: false, reason: 'the outline has more than 10000 points' });
  });

  it('drops malformed points rather than sending NaN', () => {
    const result = annotationToLabelShape(length({ data: { handles: { points: [[1, 2, 3], [NaN, 0, 0], [1, 2]] } } }), lookup);
    expect(result.ok && result.shape.geometry.kind === 'length' && result.shape.geometry.points).toEqual([[1, 2, 3]]);
  });
});
