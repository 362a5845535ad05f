// The same data for both exports: the demo CT (64 slices), 200 measurements and a 64-slice
// labelmap of 3 segments, as ReadingRoom label snapshots and as Cornerstone3D/OHIF state.
import { encodeMaskRuns } from '@readingroom/platform-shim';
import { getDemoStudyGenerator } from '../../server-stub/dist/demo/generateDemoStudies.js';
import { readPart10 } from '../../server-stub/dist/dicomweb/dicom/dcmjsAdapter.js';
import { toDicomJson } from '../../server-stub/dist/dicomweb/dicom/toDicomJson.js';
import { imageToWorld } from '../../server-stub/dist/exports/source/imagePlaneCoordinates.js';
import { readSourceStudy } from '../../server-stub/dist/exports/source/readSourceStudy.js';

export const PROJECT = 'bench';
const sct = (CodeValue, CodeMeaning) => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });

export const benchSchema = {
  title: 'Benchmark',
  findingTypes: [
    { id: 'nodule', label: 'Nodule', code: sct('27925004', 'Nodule'), category: sct('49755003', 'Morphologically abnormal structure'), geometries: ['length', 'bidirectional', 'ellipse', 'rectangle', 'segmentation'], attributes: [] },
    { id: 'vessel', label: 'Vessel', code: sct('59820001', 'Blood vessel'), category: sct('91723000', 'Anatomical structure'), geometries: ['segmentation'], attributes: [] },
  ],
};

export function loadStudy() {
  const files = [...getDemoStudyGenerator('ct-chest').generate({ seed: 20261128 })];
  const parsed = files.map(f => readPart10(f.bytes));
  const metadata = parsed.map(p => toDicomJson(p.dataset, { bulkPaths: new Set(['7FE00010']), bulkDataURI: path => `bulk/${path}` }));
  const StudyInstanceUID = files[0].StudyInstanceUID;
  return { files, parsed, StudyInstanceUID, source: readSourceStudy(StudyInstanceUID, metadata) };
}

const KINDS = [
  { kind: 'length', toolName: 'Length', offsets: [[0, 0], [40, 25]], stats: p => ({ length: dist(p[0], p[1]), unit: 'mm' }) },
  { kind: 'bidirectional', toolName: 'Bidirectional', offsets: [[0, 0], [40, 20], [15, 18], [25, 2]], stats: p => ({ length: dist(p[0], p[1]), width: dist(p[2], p[3]), unit: 'mm' }) },
  { kind: 'ellipse', toolName: 'EllipticalROI', offsets: [[20, 0], [20, 30], [5, 15], [35, 15]], stats: () => ({ area: 212.4, mean: -41.5, stdDev: 11.2, max: 40, min: -120, areaUnit: 'mm\u00b2', modalityUnit: 'HU' }) },
  { kind: 'rectangle', toolName: 'RectangleROI', offsets: [[0, 0], [30, 0], [0, 20], [30, 20]], stats: () => ({ area: 283.2, mean: -12.5, stdDev: 20.1, max: 90, min: -300, areaUnit: 'mm\u00b2', modalityUnit: 'HU' }) },
];
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const UNIT_OF = { length: 'mm', width: 'mm', area: 'mm\u00b2', mean: 'HU', stdDev: 'HU', max: 'HU', min: 'HU' };

/** 200 measurements of four kinds spread over the 64 slices, each once as a label and once as an annotation. */
export function createMeasurements(study, count = 200) {
  const images = [...study.source.images.values()];
  const labels = [];
  const annotations = [];
  for (let i = 0; i < count; i++) {
    const image = images[i % images.length];
    const { kind, toolName, offsets, stats } = KINDS[i % KINDS.length];
    const column = 60 + ((i * 37) % 360);
    const row = 60 + ((i * 53) % 360);
    const points = offsets.map(([dc, dr]) => imageToWorld(image.planes[0], [column + dc + 0.5, row + dr + 0.5]));
    const values = stats(points);
    const labelId = `0190a0b0-0000-7000-8000-${(i + 1).toString(16).padStart(12, '0')}`;
    labels.push({
      labelId, projectId: PROJECT, schemaVersion: 1, findingTypeId: 'nodule', attributes: {}, status: 'draft', scope: 'image',
      StudyInstanceUID: study.StudyInstanceUID, SeriesInstanceUID: image.SeriesInstanceUID, SOPInstanceUID: image.SOPInstanceUID, FrameOfReferenceUID: image.FrameOfReferenceUID,
      geometry: { kind, toolName, points, viewPlaneNormal: [0, 0, -1], viewUp: [0, -1, 0] },
      measurements: Object.entries(values).filter(([, v]) => typeof v === 'number').map(([name, value]) => ({ name, value, unit: UNIT_OF[name] })),
      text: 'Nodule',
    });
    annotations.push({ toolName, imageId: imageIdOf(image), annotationUID: labelId, points, stats: values, FrameOfReferenceUID: image.FrameOfReferenceUID });
  }
  return { labels, annotations };
}

export const imageIdOf = image => `demo:${image.SOPInstanceUID}`;

/** A 64-slice labelmap: segment 1 a nodule (slices 20-44), 2 a vessel through every slice, 3 a small nodule (slices 30-38). */
export function createLabelmap(study) {
  const images = [...study.source.images.values()];
  const { Rows, Columns } = images[0];
  const slices = images.map((_, z) => {
    const map = new Uint8Array(Rows * Columns);
    const disc = (value, c, r, radius) => {
      for (let y = Math.max(0, Math.floor(r - radius)); y <= Math.min(Rows - 1, Math.ceil(r + radius)); y++) {
        for (let x = Math.max(0, Math.floor(c - radius)); x <= Math.min(Columns - 1, Math.ceil(c + radius)); x++) if ((x - c) ** 2 + (y - r) ** 2 <= radius ** 2) map[y * Columns + x] = value;
      }
    };
    disc(2, 300 + z * 0.5, 250, 6);
    if (z >= 20 && z <= 44) disc(1, 200, 220, 14 * Math.sin(((z - 20) / 24) * Math.PI) + 2);
    if (z >= 30 && z <= 38) disc(3, 150, 320, 5);
    return map;
  });
  const label = (segment, findingTypeId, labelId) => ({
    labelId, projectId: PROJECT, schemaVersion: 1, findingTypeId, attributes: {}, status: 'draft', scope: 'series',
    StudyInstanceUID: study.StudyInstanceUID, SeriesInstanceUID: images[0].SeriesInstanceUID, FrameOfReferenceUID: images[0].FrameOfReferenceUID,
    geometry: {
      kind: 'segmentation', segmentNumber: segment, Rows, Columns,
      frames: slices.flatMap((map, z) => (map.includes(segment) ? [{ SOPInstanceUID: images[z].SOPInstanceUID, mask: encodeMaskRuns(map.map(v => (v === segment ? 1 : 0))) }] : [])),
    },
  });
  return {
    slices,
    labels: [label(1, 'nodule', '0190a0b0-0000-7000-8000-00000000a001'), label(2, 'vessel', '0190a0b0-0000-7000-8000-00000000a002'), label(3, 'nodule', '0190a0b0-0000-7000-8000-00000000a003')],
  };
}
