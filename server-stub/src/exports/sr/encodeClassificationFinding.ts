import type { CodedConcept, FindingType, LabelSnapshot } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { concepts, privateConcepts } from '../dicom/concepts.js';
import { writeLabelFacts, type LabelFacts } from '../dicom/labelFacts.js';
import { codeItem, textItem, uidrefItem } from './contentItems.js';
import { trackingItems } from './encodeAnnotationGroup.js';
import { encodeObservations, unwrittenValues } from './encodeObservations.js';

/**
 * A study- or series-level classification (or the explicit "no finding") as a report-level
 * qualitative evaluation: a CODE "Finding" = the finding type's code, whose properties are the
 * tracking identifiers, the category, the attribute values and, for a series, its UID.
 *
 * Not a TID 1501 measurement group: OHIF 3.13's SR loader assumes every measurement group has
 * coordinates and stops loading the report on one without (getSopClassHandlerModule reads
 * coords[0] unconditionally), so groups are kept for drawn labels.
 */
export function encodeClassificationFinding(label: LabelSnapshot, finding: FindingType, category: CodedConcept | undefined, facts: LabelFacts): DicomDataset {
  const properties: DicomDataset[] = [...trackingItems(label.labelId, 'HAS PROPERTIES')];
  if (category) properties.push(codeItem('HAS PROPERTIES', concepts.findingCategory, category));
  if (label.SeriesInstanceUID) properties.push(uidrefItem('HAS PROPERTIES', concepts.seriesInstanceUID, label.SeriesInstanceUID));
  properties.push(...encodeObservations(label, finding, 'HAS PROPERTIES'));
  properties.push(textItem('HAS PROPERTIES', privateConcepts.labelFacts, writeLabelFacts({ ...facts, ...unwrittenValues(label) })));
  return codeItem('CONTAINS', concepts.finding, finding.code, properties);
}
