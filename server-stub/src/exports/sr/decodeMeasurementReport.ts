import type { LabelSnapshot } from '@readingroom/platform-shim';
import { concepts, isSameConcept, SOP_CLASSES, TEMPLATES } from '../dicom/concepts.js';
import { readCodeSequence, readItems, readString, type ReadDataset } from '../dicom/readDataset.js';
import type { SourceStudy } from '../source/sourceTypes.js';
import { GeometryError } from './annotationGraphics.js';
import { decodeAnnotationGroup } from './decodeAnnotationGroup.js';
import { decodeClassificationFinding } from './decodeClassificationFinding.js';
import { LabelDecodeError, type DecodeContext } from './decodeLabelBase.js';
import { findItem, readContent, readUid, type ContentItem } from './readContentItems.js';

export interface DecodedLabels {
  labels: LabelSnapshot[];
  /** What could not become a label, and why (by tracking UID when there is one). */
  problems: Array<{ item: string; message: string }>;
}

const SR_CLASSES = new Set<string>([SOP_CLASSES.comprehensive3DSR, SOP_CLASSES.comprehensiveSR, SOP_CLASSES.enhancedSR]);

/** Whether a dataset is a TID 1500 Measurement Report this loader reads. */
export function isMeasurementReport(dataset: ReadDataset): boolean {
  const template = readItems(dataset, 'ContentTemplateSequence')[0];
  return SR_CLASSES.has(readString(dataset, 'SOPClassUID') ?? '')
    && isSameConcept(readCodeSequence(dataset, 'ConceptNameCodeSequence'), concepts.imagingMeasurementReport)
    && (!template || readString(template, 'TemplateIdentifier') === TEMPLATES.measurementReport);
}

/**
 * Labels of a TID 1500 Measurement Report: measurement groups with coordinates become image
 * labels, report-level findings become classifications. Each label stands on its own: one that
 * cannot be read is reported and the others are still returned.
 */
export function decodeMeasurementReport(dataset: ReadDataset, source: SourceStudy, context: DecodeContext): DecodedLabels {
  const result: DecodedLabels = { labels: [], problems: [] };
  if (!isMeasurementReport(dataset)) {
    result.problems.push({ item: readString(dataset, 'SOPInstanceUID') ?? 'instance', message: 'not a TID 1500 Measurement Report' });
    return result;
  }
  const root = readContent(dataset);
  const attempt = (item: ContentItem, items: ContentItem[], decode: () => LabelSnapshot) => {
    try {
      result.labels.push(decode());
    } catch (error) {
      if (!(error instanceof LabelDecodeError || error instanceof GeometryError)) throw error;
      result.problems.push({ item: readUid(findItem(items, concepts.trackingUniqueIdentifier, 'UIDREF')) ?? item.concept?.CodeMeaning ?? 'item', message: error.message });
    }
  };
  for (const group of findItem(root, concepts.imagingMeasurements, 'CONTAINER')?.children ?? []) {
    if (!isSameConcept(group.concept, concepts.measurementGroup)) continue;
    const items = group.children;
    attempt(group, items, () => decodeAnnotationGroup(items, source, context));
  }
  for (const finding of findItem(root, concepts.qualitativeEvaluations, 'CONTAINER')?.children ?? []) {
    if (!isSameConcept(finding.concept, concepts.finding) || finding.ValueType !== 'CODE') continue;
    attempt(finding, finding.children, () => decodeClassificationFinding(finding, source.StudyInstanceUID, context));
  }
  return result;
}
