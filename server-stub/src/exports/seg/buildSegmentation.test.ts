import { encodeMaskRuns, type LabelSnapshot } from '@readingroom/platform-shim';
import { writeDicomPart10 } from '../../demo/dicomPart10.js';
import { readDicomObject } from '../dicom/readObject.js';
import { createDicomUid } from '../dicom/uuidUid.js';
import { loadDemoSource } from '../../../test/exports/demoSource.js';
import { ensureDicomTools, runDcmdump, runDciodvfy } from '../../../test/exports/dicomTools.js';
import { exportTestSchema } from '../../../test/exports/exportTestSchema.js';
import { nthImage, segmentationLabel, TEST_PROJECT } from '../../../test/exports/exportTestLabels.js';
import { buildSegmentation } from './buildSegmentation.js';
import { decodeSegmentation } from './decodeSegmentation.js';

// dciodvfy does not know ReadingRoom's private element (0029,1001) (its creator it does accept).
const ALLOWED_WARNING = /^\(0x0029,0x1001\) {2}\? {2}- Warning - Unrecognized tag - assuming explicit value representation OK$/;

beforeAll(() => ensureDicomTools());

const schemaOf = (projectId: string, version: number) => (projectId === TEST_PROJECT && version === 1 ? exportTestSchema : undefined);

function exportSeg(labels: LabelSnapshot[]) {
  const { source } = loadDemoSource('ct-chest');
  const seg = buildSegmentation({
    labels,
    SeriesInstanceUID: nthImage(source, 0).SeriesInstanceUID,
    schemaOf: label => schemaOf(label.projectId, label.schemaVersion),
    source,
    creatorName: 'Development user',
    instance: { SOPInstanceUID: createDicomUid(), SeriesInstanceUID: createDicomUid(), SeriesNumber: 9002, InstanceNumber: 1, SeriesDescription: 'ReadingRoom segmentations', createdAt: new Date('2026-11-28T10:00:00Z') },
  });
  return { seg, bytes: seg.dataset ? writeDicomPart10(seg.dataset) : new Uint8Array() };
}

function decode(bytes: Uint8Array, target?: { projectId: string; schemaVersion: number }) {
  return decodeSegmentation(readDicomObject(bytes), loadDemoSource('ct-chest').source, { schemaOf, target });
}

function expectValid(bytes: Uint8Array): string {
  const { output } = runDciodvfy(bytes);
  const findings = output.split('\n').filter(l => /Error|Warning/.test(l));
  expect(findings.filter(l => !ALLOWED_WARNING.test(l))).toEqual([]);
  return runDcmdump(bytes);
}

const segment = (slices: number[], disc: { column: number; row: number; radius: number }, rest: Partial<LabelSnapshot> & { segmentNumber: number }) =>
  segmentationLabel(loadDemoSource('ct-chest').source, slices, disc, rest, encodeMaskRuns);

describe('SEG export (binary Segmentation)', () => {
  test('overlapping segments and an empty one: valid, coded from the schema, and read back mask for mask', () => {
    const nodule = segment([28, 29, 30, 31, 32], { column: 200, row: 220, radius: 12 }, { segmentNumber: 1 });
    const vessel = segment([30, 31, 32, 33], { column: 205, row: 224, radius: 10 }, { segmentNumber: 3, findingTypeId: 'vessel', attributes: {}, status: 'submitted', text: 'overlaps the nodule' });
    const empty = segment([], { column: 0, row: 0, radius: 0 }, { segmentNumber: 4, measurements: [{ name: 'volume', value: 0, unit: 'mm\u00b3' }] });
    const { seg, bytes } = exportSeg([nodule, vessel, empty]);
    expect(seg.problems).toEqual([]);
    const dump = expectValid(bytes);
    expect(dump).toContain('(0062,0013) CS [YES]');
    expect(dump).toContain('(0028,0008) IS [9]');
    expect(dump).toContain('(0008,0100) SH [27925004]');
    expect(dump).toContain('(0008,0104) LO [Morphologically abnormal structure]');
    expect(dump).toContain('(0008,0104) LO [Blood vessel]');
    expect(dump).not.toContain('Tissue');
    const decoded = decode(bytes);
    expect(decoded.problems).toEqual([]);
    expect(decoded.labels).toEqual([nodule, vessel, empty]);
  });

  test('segments that do not touch say so, and frames without a pixel are left out of the SEG', () => {
    const withEmptyFrame = segment([10, 11, 12], { column: 100, row: 100, radius: 5 }, { segmentNumber: 1 });
    const blank = { SOPInstanceUID: nthImage(loadDemoSource('ct-chest').source, 13).SOPInstanceUID, mask: encodeMaskRuns(new Uint8Array(512 * 512)) };
    const label = { ...withEmptyFrame, geometry: { ...withEmptyFrame.geometry, frames: [...(withEmptyFrame.geometry as { frames: unknown[] }).frames, blank] } } as LabelSnapshot;
    const other = segment([10, 11], { column: 300, row: 300, radius: 5 }, { segmentNumber: 2 });
    const { bytes } = exportSeg([label, other]);
    const dump = expectValid(bytes);
    expect(dump).toContain('(0062,0013) CS [NO]');
    expect(dump).toContain('(0028,0008) IS [5]');
    expect(decode(bytes).labels).toEqual([withEmptyFrame, other]);
  });

  test('when every segment is empty the SEG still has its one required frame and reads back empty', () => {
    const a = segment([], { column: 0, row: 0, radius: 0 }, { segmentNumber: 1 });
    const b = segment([], { column: 0, row: 0, radius: 0 }, { segmentNumber: 2, findingTypeId: 'vessel', attributes: {} });
    const { bytes } = exportSeg([a, b]);
    expect(expectValid(bytes)).toContain('(0028,0008) IS [1]');
    expect(decode(bytes).labels).toEqual([a, b]);
  });

  test('labels that cannot be segments are reported; the rest are written', () => {
    const good = segment([20], { column: 100, row: 100, radius: 5 }, { segmentNumber: 1 });
    const elsewhere = { ...segment([20], { column: 100, row: 100, radius: 5 }, { segmentNumber: 2 }), SeriesInstanceUID: '1.2.3' };
    const unknown = segment([21], { column: 100, row: 100, radius: 5 }, { segmentNumber: 3, findingTypeId: 'not-in-schema' });
    const small = segment([22], { column: 10, row: 10, radius: 2 }, { segmentNumber: 4 });
    const wrongSize = { ...small, geometry: { ...small.geometry, Rows: 256, Columns: 256 } } as LabelSnapshot;
    const { seg } = exportSeg([good, elsewhere, unknown, wrongSize]);
    expect(seg.labelIds).toEqual([good.labelId]);
    expect(seg.problems.map(p => p.message)).toEqual([
      'the segmentation is of another series',
      'finding type "not-in-schema" is not in schema version 1 of project "export-test"',
      'its frames are 256×256; this SEG\'s are 512×512',
    ]);
    expect(exportSeg([elsewhere]).seg.dataset).toBeUndefined();
  });

  test('a SEG without ReadingRoom facts is read into the chosen project by its segment codes', () => {
    const label = segment([40, 41], { column: 250, row: 250, radius: 8 }, { segmentNumber: 1, findingTypeId: 'vessel', attributes: {}, status: 'submitted' });
    const { seg } = exportSeg([label]);
    const item = (seg.dataset!.SegmentSequence as Array<Record<string, unknown>>)[0]!;
    delete item['00290010'];
    delete item['00291001'];
    const decoded = decode(writeDicomPart10(seg.dataset!), { projectId: TEST_PROJECT, schemaVersion: 1 });
    expect(decoded.problems).toEqual([]);
    expect(decoded.labels).toEqual([{ ...label, status: 'draft' }]);
    expect(decode(writeDicomPart10(seg.dataset!)).problems).toEqual([{ item: expect.any(String), message: 'the file does not say which project it belongs to; choose one to import into' }]);
  });
});
