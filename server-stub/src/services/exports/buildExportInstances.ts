import type { ExportFormat, ExportProblem, LabelSchemaDefinition, LabelSnapshot } from '@readingroom/platform-shim';
import { writeDicomPart10, type DicomDataset } from '../../demo/dicomPart10.js';
import { SOP_CLASSES } from '../../exports/dicom/concepts.js';
import { createDicomUid } from '../../exports/dicom/uuidUid.js';
import { buildSegmentation } from '../../exports/seg/buildSegmentation.js';
import type { SourceStudy } from '../../exports/source/sourceTypes.js';
import { buildMeasurementReport, isSrLabel } from '../../exports/sr/buildMeasurementReport.js';

/** A new DICOM instance, written and ready to store. */
export interface BuiltInstance {
  format: ExportFormat;
  SOPClassUID: string;
  SOPInstanceUID: string;
  SeriesInstanceUID: string;
  sourceSeriesInstanceUID?: string;
  labelIds: string[];
  bytes: Uint8Array;
}

export interface ExportPlan {
  instances: BuiltInstance[];
  problems: ExportProblem[];
  skipped: Array<{ format: ExportFormat; reason: string }>;
}

export interface BuildExportInput {
  formats: ExportFormat[];
  labels: LabelSnapshot[];
  schemaOf(label: LabelSnapshot): LabelSchemaDefinition | undefined;
  source: SourceStudy;
  projectId: string;
  authorName: string;
  createdAt: Date;
}

const describeSeries = (what: string, projectId: string) => `ReadingRoom ${what} (${projectId})`.slice(0, 64);

function writeInstance(dataset: DicomDataset): Uint8Array {
  return writeDicomPart10(dataset);
}

/**
 * The instances an export writes: one SR (new series) with the study's drawn labels and
 * classifications, and one SEG per segmented source series (together in another new series).
 */
export function buildExportInstances(input: BuildExportInput): ExportPlan {
  const plan: ExportPlan = { instances: [], problems: [], skipped: [] };
  const { source } = input;
  if (input.formats.includes('sr')) {
    const labels = input.labels.filter(isSrLabel);
    if (labels.length === 0) plan.skipped.push({ format: 'sr', reason: 'the study has no drawn or classification labels in this project' });
    else {
      const SOPInstanceUID = createDicomUid();
      const SeriesInstanceUID = createDicomUid();
      const report = buildMeasurementReport({
        labels,
        schemaOf: input.schemaOf,
        source,
        observerName: input.authorName,
        instance: { SOPInstanceUID, SeriesInstanceUID, SeriesNumber: source.maxSeriesNumber + 1, InstanceNumber: 1, SeriesDescription: describeSeries('labels', input.projectId), createdAt: input.createdAt },
      });
      plan.problems.push(...report.problems.map(p => ({ format: 'sr' as const, ...p })));
      if (report.labelIds.length > 0) plan.instances.push({ format: 'sr', SOPClassUID: SOP_CLASSES.comprehensive3DSR, SOPInstanceUID, SeriesInstanceUID, labelIds: report.labelIds, bytes: writeInstance(report.dataset) });
      else plan.skipped.push({ format: 'sr', reason: 'no label could be written' });
    }
  }
  if (input.formats.includes('seg')) buildSegmentations(input, plan);
  return plan;
}

function buildSegmentations(input: BuildExportInput, plan: ExportPlan): void {
  const labels = input.labels.filter(label => label.geometry.kind === 'segmentation');
  const series = [...new Set(labels.map(label => label.SeriesInstanceUID ?? ''))];
  if (labels.length === 0) {
    plan.skipped.push({ format: 'seg', reason: 'the study has no segmentation labels in this project' });
    return;
  }
  const SeriesInstanceUID = createDicomUid();
  series.forEach((sourceSeries, i) => {
    const SOPInstanceUID = createDicomUid();
    const seg = buildSegmentation({
      labels: labels.filter(label => (label.SeriesInstanceUID ?? '') === sourceSeries),
      SeriesInstanceUID: sourceSeries,
      schemaOf: input.schemaOf,
      source: input.source,
      creatorName: input.authorName,
      instance: { SOPInstanceUID, SeriesInstanceUID, SeriesNumber: input.source.maxSeriesNumber + 2, InstanceNumber: i + 1, SeriesDescription: describeSeries('segmentations', input.projectId), createdAt: input.createdAt },
    });
    plan.problems.push(...seg.problems.map(p => ({ format: 'seg' as const, ...p })));
    if (seg.dataset) {
      plan.instances.push({ format: 'seg', SOPClassUID: SOP_CLASSES.segmentation, SOPInstanceUID, SeriesInstanceUID, sourceSeriesInstanceUID: sourceSeries, labelIds: seg.labelIds, bytes: writeInstance(seg.dataset) });
    }
  });
  if (!plan.instances.some(instance => instance.format === 'seg')) plan.skipped.push({ format: 'seg', reason: 'no segmentation could be written' });
}
