import type { LabelSchemaDefinition, LabelSnapshot } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { concepts, PRIVATE_SCHEMES, SOP_CLASSES, TEMPLATES } from '../dicom/concepts.js';
import { buildDerivedObjectModules, declareCharacterSet, toDicomDateTime, type DerivedInstance } from '../dicom/derivedObjectModules.js';
import { LABEL_FACTS_FORMAT, type LabelFacts } from '../dicom/labelFacts.js';
import { resolveFinding } from '../dicom/resolveFinding.js';
import type { SourceStudy } from '../source/sourceTypes.js';
import { GeometryError } from './annotationGraphics.js';
import { codeItem, containerItem, imageItem, pnameItem, referencedSopItem, type ImageReference } from './contentItems.js';
import { encodeAnnotationGroup, LabelExportError, placeLabel } from './encodeAnnotationGroup.js';
import { encodeClassificationFinding } from './encodeClassificationFinding.js';

export interface MeasurementReportInput {
  /** Labels of one study; segmentation labels are left to SEG. */
  labels: LabelSnapshot[];
  /** The schema version a label was made with. */
  schemaOf(label: LabelSnapshot): LabelSchemaDefinition | undefined;
  source: SourceStudy;
  instance: Omit<DerivedInstance, 'SOPClassUID' | 'Modality'>;
  /** Who exports: the report's person observer (TID 1002). */
  observerName: string;
}

export interface LabelProblem {
  labelId: string;
  message: string;
}

export interface MeasurementReport {
  dataset: DicomDataset;
  /** Label ids written into the report, in order. */
  labelIds: string[];
  /** Labels that could not be written, each with its reason. */
  problems: LabelProblem[];
}

/** True for labels an SR carries: drawn annotations and classifications (not segmentations). */
export function isSrLabel(label: LabelSnapshot): boolean {
  return label.geometry.kind !== 'segmentation';
}

function factsOf(label: LabelSnapshot): LabelFacts {
  return { format: LABEL_FACTS_FORMAT, projectId: label.projectId, schemaVersion: label.schemaVersion, findingTypeId: label.findingTypeId, status: label.status };
}

/**
 * A Comprehensive 3D SR, TID 1500 Measurement Report, of a study's labels: drawn labels as
 * measurement groups under Imaging Measurements, classifications as findings under Qualitative
 * Evaluations, every referenced image in the Image Library and the evidence sequence.
 */
export function buildMeasurementReport(input: MeasurementReportInput): MeasurementReport {
  const groups: DicomDataset[] = [];
  const findings: DicomDataset[] = [];
  const images = new Map<string, ImageReference & { SeriesInstanceUID: string }>();
  const problems: LabelProblem[] = [];
  const labelIds: string[] = [];
  for (const label of input.labels.filter(isSrLabel)) {
    try {
      const schema = input.schemaOf(label);
      const finding = schema && resolveFinding(schema, label.findingTypeId);
      if (!finding) throw new LabelExportError(label.labelId, `finding type "${label.findingTypeId}" is not in schema version ${label.schemaVersion} of project "${label.projectId}"`);
      if (label.geometry.kind === 'classification') {
        findings.push(encodeClassificationFinding(label, finding.type, finding.category, factsOf(label)));
      } else {
        const image = label.SOPInstanceUID ? input.source.images.get(label.SOPInstanceUID) : undefined;
        if (!image) throw new LabelExportError(label.labelId, 'the image the label is drawn on is not an image of the study');
        groups.push(encodeAnnotationGroup(label, finding.type, image, factsOf(label)));
        const { reference } = placeLabel(label, image);
        images.set(`${image.SOPInstanceUID}/${reference.ReferencedFrameNumber ?? ''}`, { ...reference, SeriesInstanceUID: image.SeriesInstanceUID });
      }
      labelIds.push(label.labelId);
    } catch (error) {
      if (!(error instanceof LabelExportError || error instanceof GeometryError || error instanceof RangeError)) throw error;
      problems.push({ labelId: label.labelId, message: error.message });
    }
  }
  const content = [
    codeItem('HAS CONCEPT MOD', concepts.languageOfContent, concepts.englishUS),
    codeItem('HAS OBS CONTEXT', concepts.observerType, concepts.person),
    pnameItem('HAS OBS CONTEXT', concepts.personObserverName, toPersonName(input.observerName)),
    codeItem('HAS CONCEPT MOD', concepts.procedureReported, input.source.procedureCode ?? concepts.imaging),
    containerItem('CONTAINS', concepts.imageLibrary, imageLibraryGroups([...images.values()])),
    ...(groups.length > 0 ? [containerItem('CONTAINS', concepts.imagingMeasurements, groups)] : []),
    ...(findings.length > 0 ? [containerItem('CONTAINS', concepts.qualitativeEvaluations, findings)] : []),
  ];
  const instance: DerivedInstance = { ...input.instance, SOPClassUID: SOP_CLASSES.comprehensive3DSR, Modality: 'SR' };
  return { dataset: declareCharacterSet(documentDataset(input, instance, content, [...images.values()])), labelIds, problems };
}

function documentDataset(input: MeasurementReportInput, instance: DerivedInstance, content: DicomDataset[], images: Array<ImageReference & { SeriesInstanceUID: string }>): DicomDataset {
  const created = toDicomDateTime(instance.createdAt);
  const allSubmitted = input.labels.filter(isSrLabel).every(l => l.status === 'submitted');
  return {
    ...buildDerivedObjectModules(input.source, instance),
    ReferencedPerformedProcedureStepSequence: [],
    // SR Document General module.
    ContentDate: created.date,
    ContentTime: created.time,
    CompletionFlag: allSubmitted ? 'COMPLETE' : 'PARTIAL',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: images.length > 0 ? evidence(input.source.StudyInstanceUID, images) : undefined,
    CodingSchemeIdentificationSequence: codingSchemeIdentification(content),
    // SR Document Content module: the root CONTAINER.
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: concepts.imagingMeasurementReport.CodeValue, CodingSchemeDesignator: 'DCM', CodeMeaning: concepts.imagingMeasurementReport.CodeMeaning }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: TEMPLATES.measurementReport }],
    ContentSequence: content,
  };
}

/** Coding Scheme Identification of the private schemes the content uses, or undefined when it uses none. */
function codingSchemeIdentification(content: DicomDataset[]): DicomDataset[] | undefined {
  const text = JSON.stringify(content);
  const used = Object.values(PRIVATE_SCHEMES).filter(scheme => text.includes(`"CodingSchemeDesignator":"${scheme.designator}"`));
  if (used.length === 0) return undefined;
  return used.map(scheme => ({ CodingSchemeDesignator: scheme.designator, CodingSchemeName: scheme.name, CodingSchemeResponsibleOrganization: 'ReadingRoom' }));
}

/** TID 1600: one Image Library Group per series, one IMAGE per referenced image frame. */
function imageLibraryGroups(images: Array<ImageReference & { SeriesInstanceUID: string }>): DicomDataset[] {
  const bySeries = groupBy(images, image => image.SeriesInstanceUID);
  return [...bySeries.values()].map(seriesImages =>
    containerItem('CONTAINS', concepts.imageLibraryGroup, seriesImages.map(image => imageItem('CONTAINS', undefined, image))),
  );
}

/** Hierarchical SOP Instance Reference (PS3.3 Table C.17-3): the images the report is about. */
function evidence(StudyInstanceUID: string, images: Array<ImageReference & { SeriesInstanceUID: string }>): DicomDataset[] {
  const bySeries = groupBy(images, image => image.SeriesInstanceUID);
  return [{
    StudyInstanceUID,
    ReferencedSeriesSequence: [...bySeries].map(([SeriesInstanceUID, seriesImages]) => ({
      SeriesInstanceUID,
      ReferencedSOPSequence: uniqueBy(seriesImages, i => i.ReferencedSOPInstanceUID).map(i => referencedSopItem({ ReferencedSOPClassUID: i.ReferencedSOPClassUID, ReferencedSOPInstanceUID: i.ReferencedSOPInstanceUID })),
    })),
  }];
}

/**
 * A display name as a PN value: the whole name as the family name component, followed by the
 * component delimiter (a PN with spaces and no delimiter reads as the retired space-separated form).
 */
export function toPersonName(displayName: string): string {
  const name = displayName.replace(/[\\^=]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 62) || 'UNKNOWN';
  return `${name}^`;
}

function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  return [...new Map(values.map(v => [key(v), v])).values()];
}
