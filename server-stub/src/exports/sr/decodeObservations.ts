import type { AnnotationKind, FindingType, LabelSnapshot } from '@readingroom/platform-shim';
import { attributeForConcept } from '../dicom/attributeConcepts.js';
import { concepts, isSameConcept } from '../dicom/concepts.js';
import { measurementNameFor } from '../dicom/measurementConcepts.js';
import { readCodeValue, readNumValue, readTextValue, type ContentItem } from './readContentItems.js';

export interface DecodedObservations {
  attributes: LabelSnapshot['attributes'];
  measurements: NonNullable<LabelSnapshot['measurements']>;
  text?: string;
  problems: string[];
}

/**
 * Measurements, attribute values and the comment of a group or finding: the inverse of
 * encodeObservations. Items the finding type has no attribute for and that are no viewer
 * measurement are reported, not guessed.
 */
export function decodeObservations(items: ContentItem[], finding: FindingType, kind: AnnotationKind | undefined): DecodedObservations {
  const result: DecodedObservations = { attributes: {}, measurements: [], problems: [] };
  for (const item of items) {
    if (!item.concept) continue;
    const attribute = attributeForConcept(item.concept, finding);
    if (item.ValueType === 'NUM') {
      const num = readNumValue(item);
      if (!num) continue;
      if (attribute?.kind === 'number') result.attributes[attribute.id] = num.value;
      else result.measurements.push({ name: measurementNameFor(kind, item.concept) ?? item.concept.CodeMeaning, value: num.value, unit: num.unit });
    } else if (item.ValueType === 'CODE' && attribute?.kind === 'enum') {
      const code = readCodeValue(item);
      const option = attribute.options.find(o => isSameConcept(o.code, code));
      if (option) result.attributes[attribute.id] = option.id;
      else result.problems.push(`${attribute.label}: ${code?.CodeMeaning ?? 'a code'} is not one of its options`);
    } else if (item.ValueType === 'TEXT' && attribute?.kind === 'text') {
      result.attributes[attribute.id] = readTextValue(item) ?? '';
    } else if (item.ValueType === 'TEXT' && isSameConcept(item.concept, concepts.comment)) {
      result.text = readTextValue(item);
    }
  }
  return result;
}
