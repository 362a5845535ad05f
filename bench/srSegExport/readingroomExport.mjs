// ReadingRoom's export, as the server runs it: label snapshots + schema + source metadata → Part 10 bytes.
import { writeDicomPart10 } from '../../server-stub/dist/demo/dicomPart10.js';
import { createDicomUid } from '../../server-stub/dist/exports/dicom/uuidUid.js';
import { buildSegmentation } from '../../server-stub/dist/exports/seg/buildSegmentation.js';
import { buildMeasurementReport } from '../../server-stub/dist/exports/sr/buildMeasurementReport.js';
import { benchSchema } from './inputs.mjs';

const instance = description => ({ SOPInstanceUID: createDicomUid(), SeriesInstanceUID: createDicomUid(), SeriesNumber: 9000, InstanceNumber: 1, SeriesDescription: description, createdAt: new Date() });

export function exportSrOurs(study, labels) {
  const report = buildMeasurementReport({ labels, schemaOf: () => benchSchema, source: study.source, observerName: 'Benchmark', instance: instance('ReadingRoom labels') });
  if (report.problems.length > 0) throw new Error(`ReadingRoom SR export left labels out: ${JSON.stringify(report.problems[0])}`);
  return writeDicomPart10(report.dataset);
}

export function exportSegOurs(study, labels) {
  const seg = buildSegmentation({ labels, SeriesInstanceUID: labels[0].SeriesInstanceUID, schemaOf: () => benchSchema, source: study.source, creatorName: 'Benchmark', instance: instance('ReadingRoom segmentations') });
  if (!seg.dataset || seg.problems.length > 0) throw new Error(`ReadingRoom SEG export failed: ${JSON.stringify(seg.problems[0])}`);
  return writeDicomPart10(seg.dataset);
}
