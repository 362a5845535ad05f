import type { LabelSnapshot } from '@readingroom/platform-shim';
import { writeDicomPart10 } from '../../demo/dicomPart10.js';
import type { DemoStudyKey } from '../../demo/generateDemoStudies.js';
import { readDicomObject } from '../dicom/readObject.js';
import { readContentTree } from '../../../test/exports/readContentTree.js';
import { createDicomUid } from '../dicom/uuidUid.js';
import { loadDemoSource } from '../../../test/exports/demoSource.js';
import { ensureDicomTools, runDciodvfy, runDsrdump } from '../../../test/exports/dicomTools.js';
import { expectSameLabels } from '../../../test/exports/expectSameLabels.js';
import { exportTestSchema } from '../../../test/exports/exportTestSchema.js';
import { createAnnotationLabels, createClassificationLabels, nthImage, pointOn, testLabelId, TEST_PROJECT } from '../../../test/exports/exportTestLabels.js';
import type { Vec3 } from '../source/sourceTypes.js';
import { buildMeasurementReport } from './buildMeasurementReport.js';
import { decodeMeasurementReport } from './decodeMeasurementReport.js';

// dciodvfy knows the coding schemes of PS3.16 Table 8-1 only; ReadingRoom's private schemes
// (99..., declared in Coding Scheme Identification Sequence) are the one warning it may give.
// SCOORD goes through the image plane and float32 pixel coordinates: well within a micrometre.
const IMAGE_TOLERANCE_MM = 1e-4;

const ALLOWED_WARNING = /^Warning - Unrecognized defined term <99(READINGROOM|RRATTR|RRMEAS)> for value 1 of attribute <Coding Scheme Designator>$/;

beforeAll(() => ensureDicomTools());

function exportReport(labels: LabelSnapshot[], key: DemoStudyKey = 'ct-chest', observerName = 'Development user') {
  const { source } = loadDemoSource(key);
  const report = buildMeasurementReport({
    labels,
    schemaOf: () => exportTestSchema,
    source,
    observerName,
    instance: { SOPInstanceUID: createDicomUid(), SeriesInstanceUID: createDicomUid(), SeriesNumber: 9001, InstanceNumber: 1, SeriesDescription: 'ReadingRoom labels', createdAt: new Date('2026-11-28T10:00:00Z') },
  });
  return { report, bytes: writeDicomPart10(report.dataset) };
}

function decode(bytes: Uint8Array, key: DemoStudyKey = 'ct-chest') {
  return decodeMeasurementReport(readDicomObject(bytes), loadDemoSource(key).source, { schemaOf: (projectId, version) => (projectId === TEST_PROJECT && version === 1 ? exportTestSchema : undefined) });
}

function expectValid(bytes: Uint8Array) {
  const { errors, warnings } = runDciodvfy(bytes);
  expect(errors).toEqual([]);
  expect(warnings.filter(w => !ALLOWED_WARNING.test(w))).toEqual([]);
  const dump = runDsrdump(bytes);
  // dcmtk 3.6.7 cannot check VRs of UTF-8 text and says so; that is its limit, not an error.
  expect(dump.warnings.replace('W: The VR checker does not support this Specific Character Set: ISO_IR 192\n', '')).toBe('');
  return dump.output;
}

describe('SR export (Comprehensive 3D SR, TID 1500)', () => {
  test('every drawn kind and every classification passes dciodvfy, reads in dsrdump and decodes to the same labels', () => {
    const { source } = loadDemoSource('ct-chest');
    const labels = [...createAnnotationLabels(source), ...createClassificationLabels(source)];
    const { report, bytes } = exportReport(labels);
    expect(report.problems).toEqual([]);
    expect(report.labelIds).toEqual(labels.map(l => l.labelId));
    const dump = expectValid(bytes);
    expect(dump).toContain('Comprehensive 3D SR Document');
    expect(dump).toContain('<contains CODE:(,,"Finding")=(373572006,SCT,"Clinical finding absent")>');
    const decoded = decode(bytes);
    expect(decoded.problems).toEqual([]);
    expectSameLabels(decoded.labels, labels, { imageTolerance: IMAGE_TOLERANCE_MM });
  });

  test('labels on one CT image are SCOORD in its pixel coordinates, selected from that image, as OHIF and other viewers draw them', () => {
    const { source } = loadDemoSource('ct-chest');
    const labels = createAnnotationLabels(source);
    const { bytes } = exportReport(labels);
    const dump = expectValid(bytes);
    expect(dump).not.toContain('SCOORD3D');
    const image = nthImage(source, 31);
    const ellipse = labels.find(l => l.geometry.kind === 'ellipse')!;
    expect(ellipse.SOPInstanceUID).toBe(image.SOPInstanceUID);
    // Drawn through the centres of pixels (300, 280)-(300, 300) and (280, 290)-(320, 290): the
    // major (horizontal) axis first, each point as column, row of the pixel's centre (+ 0.5).
    expect(dump).toContain('<contains SCOORD:(,,"Image Region")=(ELLIPSE,280.5/290.5,320.5/290.5,300.5/280.5,300.5/300.5)>');
    const region = readContentTree(bytes).find(item => item.ValueType === 'SCOORD' && item.GraphicType === 'ELLIPSE')!;
    expect(region.selectedFrom).toEqual({ SOPClassUID: image.SOPClassUID, SOPInstanceUID: image.SOPInstanceUID });
    // Every SCOORD names the image it is selected from, so a viewer can place it.
    expect(readContentTree(bytes).filter(item => item.ValueType === 'SCOORD' && !item.selectedFrom)).toEqual([]);
  });

  test('a label whose points are not on one image keeps patient coordinates (SCOORD3D) and comes back to float32 exactly', () => {
    const { source } = loadDemoSource('ct-chest');
    const [length] = createAnnotationLabels(source).filter(l => l.geometry.kind === 'length');
    const [start, end] = (length!.geometry as { points: Vec3[] }).points as [Vec3, Vec3];
    const between = { ...length!, geometry: { ...length!.geometry, points: [start, [end[0], end[1], end[2] + 0.4]] } } as LabelSnapshot;
    const { bytes } = exportReport([between]);
    const dump = expectValid(bytes);
    expect(dump).toContain('<contains SCOORD3D:(,,"Image Region")=(POLYLINE,');
    const decoded = decode(bytes);
    expect(decoded.problems).toEqual([]);
    expectSameLabels(decoded.labels, [between]);
  });

  test('labels on images without a patient frame of reference (CR) use image coordinates and come back within a micrometre', () => {
    const { source } = loadDemoSource('cr-chest');
    const image = nthImage(source, 0);
    expect(image.planes[0]!.isPatientSpace).toBe(false);
    const labels: LabelSnapshot[] = [{
      labelId: testLabelId(), projectId: TEST_PROJECT, schemaVersion: 1, findingTypeId: 'nodule', attributes: { type: 'solid' }, status: 'draft', scope: 'image',
      StudyInstanceUID: source.StudyInstanceUID, SeriesInstanceUID: image.SeriesInstanceUID, SOPInstanceUID: image.SOPInstanceUID,
      geometry: { kind: 'ellipse', toolName: 'EllipticalROI', points: [pointOn(image, 900, 800), pointOn(image, 900, 900), pointOn(image, 850, 850), pointOn(image, 950, 850)] },
    }];
    const { bytes } = exportReport(labels, 'cr-chest');
    const dump = expectValid(bytes);
    expect(dump).toContain('<contains SCOORD:(,,"Image Region")=(ELLIPSE,');
    const decoded = decode(bytes, 'cr-chest');
    expect(decoded.problems).toEqual([]);
    expectSameLabels(decoded.labels, labels, { imageTolerance: IMAGE_TOLERANCE_MM });
  });

  test('a label on a frame of a multi-frame image (US cine) is selected from that frame and comes back on it', () => {
    const { source } = loadDemoSource('us-cine');
    const image = [...source.images.values()].find(i => i.NumberOfFrames > 3)!;
    const labels: LabelSnapshot[] = [{
      labelId: testLabelId(), projectId: TEST_PROJECT, schemaVersion: 1, findingTypeId: 'nodule', attributes: { type: 'solid' }, status: 'draft', scope: 'image',
      StudyInstanceUID: source.StudyInstanceUID, SeriesInstanceUID: image.SeriesInstanceUID, SOPInstanceUID: image.SOPInstanceUID, frameNumber: 3,
      geometry: { kind: 'length', toolName: 'Length', points: [pointOn(image, 40, 50, 3), pointOn(image, 90.5, 75.25, 3)] },
    }];
    const { bytes } = exportReport(labels, 'us-cine');
    expectValid(bytes);
    const region = readContentTree(bytes).find(item => item.ValueType === 'SCOORD')!;
    expect(region.selectedFrom).toEqual({ SOPClassUID: image.SOPClassUID, SOPInstanceUID: image.SOPInstanceUID, frameNumber: 3 });
    const decoded = decode(bytes, 'us-cine');
    expect(decoded.problems).toEqual([]);
    expectSameLabels(decoded.labels, labels, { imageTolerance: IMAGE_TOLERANCE_MM });
  });

  test('measurement values that 16 characters of DS cannot hold come back bit for bit from Floating Point Value', () => {
    const { source } = loadDemoSource('ct-chest');
    const [length] = createAnnotationLabels(source).filter(l => l.geometry.kind === 'length');
    const label = { ...length!, measurements: [{ name: 'length', value: 0.1 + 0.2, unit: 'mm' }, { name: 'area', value: 1e-300, unit: 'mm\u00b2' }] };
    const decoded = decode(exportReport([label]).bytes);
    expect(decoded.labels[0]!.measurements).toEqual(label.measurements);
  });

  test('a label that cannot be written is reported with its reason and the others are still exported', () => {
    const { source } = loadDemoSource('ct-chest');
    const [good, elsewhere, unknown] = createAnnotationLabels(source);
    const labels = [good!, { ...elsewhere!, SOPInstanceUID: '1.2.3.4' }, { ...unknown!, findingTypeId: 'not-in-schema' }];
    const { report } = exportReport(labels);
    expect(report.labelIds).toEqual([good!.labelId]);
    expect(report.problems).toEqual([
      { labelId: elsewhere!.labelId, message: 'the image the label is drawn on is not an image of the study' },
      { labelId: unknown!.labelId, message: 'finding type "not-in-schema" is not in schema version 1 of project "export-test"' },
    ]);
  });

  test('a non-ASCII observer name declares UTF-8 and still validates', () => {
    const { source } = loadDemoSource('ct-chest');
    const { bytes } = exportReport(createClassificationLabels(source), 'ct-chest', 'Dr. Zoë Brontë');
    expectValid(bytes);
    expect(readDicomObject(bytes)['00080005']?.Value).toEqual(['ISO_IR 192']);
  });
});
