import type { LabelSnapshot } from '@readingroom/platform-shim';
import { imageToWorld } from '../../src/exports/source/imagePlaneCoordinates.js';
import type { SourceImage, SourceStudy, Vec3 } from '../../src/exports/source/sourceTypes.js';

export const TEST_PROJECT = 'export-test';

/** The n-th image of a study's first image series, in instance order of the metadata. */
export function nthImage(source: SourceStudy, n: number): SourceImage {
  const image = [...source.images.values()][n];
  if (!image) throw new Error(`the study has no image ${n}`);
  return image;
}

/** A patient point on an image, at (column, row) in pixels, plus an offset that float32 cannot hold exactly. */
export function pointOn(image: SourceImage, column: number, row: number, frame = 1): Vec3 {
  const p = imageToWorld(image.planes[frame - 1]!, [column + 0.5, row + 0.5]);
  return [p[0] + 1e-7, p[1] - 3e-8, p[2]];
}

let counter = 0;
/** Deterministic label ids for fixtures (UUID shaped, version 7 layout). */
export function testLabelId(): string {
  counter += 1;
  return `0190a0b0-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

function imageLabel(image: SourceImage, StudyInstanceUID: string, rest: Partial<LabelSnapshot> & Pick<LabelSnapshot, 'geometry'>): LabelSnapshot {
  return {
    labelId: testLabelId(),
    projectId: TEST_PROJECT,
    schemaVersion: 1,
    findingTypeId: 'nodule',
    attributes: { type: 'solid' },
    status: 'draft',
    scope: 'image',
    StudyInstanceUID,
    SeriesInstanceUID: image.SeriesInstanceUID,
    SOPInstanceUID: image.SOPInstanceUID,
    FrameOfReferenceUID: image.FrameOfReferenceUID,
    ...rest,
  };
}

/** One label of each drawn kind on the demo CT, with attributes, statistics, view state and text. */
export function createAnnotationLabels(source: SourceStudy): LabelSnapshot[] {
  const uid = source.StudyInstanceUID;
  const a = nthImage(source, 30);
  const b = nthImage(source, 31);
  const view = { viewPlaneNormal: [0, 0, -1] as Vec3, viewUp: [0, -1, 0] as Vec3 };
  return [
    imageLabel(a, uid, { geometry: { kind: 'point', toolName: 'Probe', points: [pointOn(a, 200.25, 180.5)], ...view }, measurements: [{ name: 'value', value: -712.4, unit: 'HU' }] }),
    imageLabel(a, uid, {
      geometry: { kind: 'length', toolName: 'Length', points: [pointOn(a, 120, 140), pointOn(a, 180.75, 201.125)], ...view },
      measurements: [{ name: 'length', value: 58.92345678901234, unit: 'mm' }],
      attributes: { type: 'part-solid', 'mean-diameter': 7.25, calcification: 'absent', comment: 'spiculated margin' },
      status: 'submitted',
      text: 'RUL nodule, größer als 6\\8 mm',
    }),
    imageLabel(b, uid, {
      geometry: { kind: 'bidirectional', toolName: 'Bidirectional', points: [pointOn(b, 100, 100), pointOn(b, 140, 120), pointOn(b, 115, 118), pointOn(b, 125, 102)], ...view },
      measurements: [{ name: 'length', value: 30.7, unit: 'mm' }, { name: 'width', value: 12.52, unit: 'mm' }],
    }),
    imageLabel(b, uid, {
      geometry: { kind: 'ellipse', toolName: 'EllipticalROI', points: [pointOn(b, 300, 280), pointOn(b, 300, 300), pointOn(b, 280, 290), pointOn(b, 320, 290)], ...view },
      measurements: [
        { name: 'area', value: 214.6, unit: 'mm\u00b2' },
        { name: 'mean', value: -43.2, unit: 'HU' },
        { name: 'stdDev', value: 12.1, unit: 'HU' },
        { name: 'max', value: 40, unit: 'HU' },
        { name: 'min', value: -120, unit: 'HU' },
        { name: 'diameter', value: 9.5, unit: 'mm' },
      ],
      attributes: { type: 'solid', comment: 'trailing space ' },
    }),
    imageLabel(b, uid, {
      findingTypeId: 'nodule',
      geometry: { kind: 'rectangle', toolName: 'RectangleROI', points: [pointOn(b, 50, 60), pointOn(b, 90, 60), pointOn(b, 50, 95), pointOn(b, 90, 95)] },
      measurements: [{ name: 'area', value: 800, unit: 'mm\u00b2' }, { name: 'pixelCount', value: 1400, unit: 'px' }],
    }),
    imageLabel(a, uid, {
      geometry: { kind: 'freehand', toolName: 'PlanarFreehandROI', closed: true, points: [pointOn(a, 10, 10), pointOn(a, 30, 12), pointOn(a, 28, 40), pointOn(a, 12, 35)] },
      text: '',
    }),
    imageLabel(a, uid, {
      findingTypeId: 'vessel',
      attributes: {},
      FrameOfReferenceUID: undefined,
      geometry: { kind: 'freehand', toolName: 'PlanarFreehandROI', closed: false, points: [pointOn(a, 400, 10), pointOn(a, 420, 30), pointOn(a, 410, 60)] },
    }),
  ].map(label => JSON.parse(JSON.stringify(label)) as LabelSnapshot);
}

/** A series and a study classification and the explicit "no finding". */
export function createClassificationLabels(source: SourceStudy): LabelSnapshot[] {
  const series = nthImage(source, 0).SeriesInstanceUID;
  const base = { projectId: TEST_PROJECT, schemaVersion: 1, StudyInstanceUID: source.StudyInstanceUID, geometry: { kind: 'classification' as const } };
  return [
    { ...base, labelId: testLabelId(), findingTypeId: 'emphysema', attributes: { severity: 'mild' }, status: 'draft', scope: 'series', SeriesInstanceUID: series },
    { ...base, labelId: testLabelId(), findingTypeId: 'emphysema', attributes: { severity: 'severe' }, status: 'submitted', scope: 'study', text: 'Centrilobular' },
    { ...base, labelId: testLabelId(), findingTypeId: 'no-finding', attributes: {}, status: 'submitted', scope: 'study' },
  ];
}

/** A disc mask (0/1) of a frame: centre (column, row) and radius in pixels. */
export function discMask(Rows: number, Columns: number, column: number, row: number, radius: number): Uint8Array {
  const mask = new Uint8Array(Rows * Columns);
  for (let r = Math.max(0, Math.floor(row - radius)); r <= Math.min(Rows - 1, Math.ceil(row + radius)); r++) {
    for (let c = Math.max(0, Math.floor(column - radius)); c <= Math.min(Columns - 1, Math.ceil(column + radius)); c++) {
      if ((c - column) ** 2 + (r - row) ** 2 <= radius ** 2) mask[r * Columns + c] = 1;
    }
  }
  return mask;
}

/** A segmentation label over `slices` (image indices) of the CT series, a disc per slice. */
export function segmentationLabel(
  source: SourceStudy,
  slices: number[],
  disc: { column: number; row: number; radius: number },
  rest: Partial<LabelSnapshot> & { segmentNumber: number },
  encode: (mask: Uint8Array) => string,
): LabelSnapshot {
  const first = nthImage(source, slices[0] ?? 0);
  const { segmentNumber, ...fields } = rest;
  return {
    labelId: testLabelId(),
    projectId: TEST_PROJECT,
    schemaVersion: 1,
    findingTypeId: 'nodule',
    attributes: { type: 'solid' },
    status: 'draft',
    scope: 'series',
    StudyInstanceUID: source.StudyInstanceUID,
    SeriesInstanceUID: first.SeriesInstanceUID,
    FrameOfReferenceUID: first.FrameOfReferenceUID,
    geometry: {
      kind: 'segmentation',
      segmentNumber,
      Rows: first.Rows,
      Columns: first.Columns,
      frames: slices.map((slice, i) => {
        const image = nthImage(source, slice);
        const radius = disc.radius * Math.cos(((i - (slices.length - 1) / 2) / slices.length) * Math.PI * 0.8);
        return { SOPInstanceUID: image.SOPInstanceUID, mask: encode(discMask(image.Rows, image.Columns, disc.column, disc.row, radius)) };
      }),
    },
    ...fields,
  };
}
