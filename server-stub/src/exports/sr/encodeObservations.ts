import type { AnnotationKind, FindingType, LabelSnapshot } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { attributeConcepts, conceptForAttribute } from '../dicom/attributeConcepts.js';
import { concepts } from '../dicom/concepts.js';
import { conceptForMeasurement } from '../dicom/measurementConcepts.js';
import { unitToUcum } from '../dicom/ucumUnits.js';
import { codeItem, numItem, textItem, type Relationship } from './contentItems.js';

/**
 * A label's measurements, attribute values and comment as SR content items: measurements as NUM
 * (TID 300), enum attributes as coded qualitative evaluations, numbers as NUM in the schema's
 * UCUM unit, text as TEXT, the label's free text as a Comment. `children` adds content under a
 * measurement (a bidirectional axis NUM is INFERRED FROM its coordinates).
 */
export function encodeObservations(
  label: LabelSnapshot,
  finding: FindingType,
  relationship: Relationship,
  options: { kind?: AnnotationKind; childrenOf?: (measurementName: string) => DicomDataset[] | undefined } = {},
): DicomDataset[] {
  const taken = attributeConcepts(finding);
  const items: DicomDataset[] = (label.measurements ?? []).map(m =>
    numItem(relationship, conceptForMeasurement(options.kind, m.name, taken), m.value, unitToUcum(m.unit), options.childrenOf?.(m.name)),
  );
  for (const attribute of finding.attributes) {
    const value = label.attributes[attribute.id];
    // An empty text is no observation (TEXT values are Type 1); label facts keep it.
    if (value === undefined || value === '') continue;
    const concept = conceptForAttribute(attribute, finding);
    if (attribute.kind === 'enum') {
      const option = attribute.options.find(o => o.id === value);
      if (!option) throw new RangeError(`attribute ${attribute.id} has no option "${String(value)}"`);
      items.push(codeItem(relationship, concept, option.code));
    } else if (attribute.kind === 'number') {
      if (typeof value !== 'number') throw new RangeError(`attribute ${attribute.id} is a number`);
      items.push(numItem(relationship, concept, value, attribute.unit));
    } else {
      items.push(textItem(relationship, concept, String(value)));
    }
  }
  if (label.text) items.push(textItem(relationship, concepts.comment, label.text));
  return items;
}

/**
 * Text DICOM does not keep as written: empty values (TEXT values are Type 1) and trailing
 * spaces (insignificant in UT, PS3.5 Table 6.2-1). The label facts keep these exactly; the
 * loader prefers them over the TEXT items.
 */
export function unwrittenValues(label: LabelSnapshot): { attributes?: LabelSnapshot['attributes']; text?: string } {
  const isAltered = (value: string | number) => typeof value === 'string' && (value === '' || /\s$/.test(value));
  const altered = Object.entries(label.attributes).filter(([, value]) => isAltered(value));
  return {
    attributes: altered.length > 0 ? Object.fromEntries(altered) : undefined,
    text: label.text !== undefined && isAltered(label.text) ? label.text : undefined,
  };
}
