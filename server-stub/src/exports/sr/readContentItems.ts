import type { CodedConcept } from '@readingroom/platform-shim';
import { isSameConcept } from '../dicom/concepts.js';
import { readCodeSequence, readItems, readNumber, readNumbers, readString, readText, type ReadDataset } from '../dicom/readDataset.js';
import { ucumToUnit } from '../dicom/ucumUnits.js';

/** An SR content item as read back: its value type, relationship, concept name and children. */
export interface ContentItem {
  dataset: ReadDataset;
  ValueType: string;
  RelationshipType: string;
  concept: CodedConcept | undefined;
  children: ContentItem[];
}

/** The Content Sequence of a dataset or item, as content items. */
export function readContent(dataset: ReadDataset): ContentItem[] {
  return readItems(dataset, 'ContentSequence').map(item => ({
    dataset: item,
    ValueType: readString(item, 'ValueType') ?? '',
    RelationshipType: readString(item, 'RelationshipType') ?? '',
    concept: readCodeSequence(item, 'ConceptNameCodeSequence'),
    get children() {
      return readContent(item);
    },
  }));
}

export function findItems(items: ContentItem[], concept: CodedConcept, ValueType?: string): ContentItem[] {
  return items.filter(item => isSameConcept(item.concept, concept) && (!ValueType || item.ValueType === ValueType));
}

export function findItem(items: ContentItem[], concept: CodedConcept, ValueType?: string): ContentItem | undefined {
  return findItems(items, concept, ValueType)[0];
}

export function readTextValue(item: ContentItem | undefined): string | undefined {
  return item ? readText(item.dataset, 'TextValue') : undefined;
}

export function readCodeValue(item: ContentItem | undefined): CodedConcept | undefined {
  return item ? readCodeSequence(item.dataset, 'ConceptCodeSequence') : undefined;
}

export function readUid(item: ContentItem | undefined): string | undefined {
  return item ? readString(item.dataset, 'UID') : undefined;
}

/** A NUM's value (Floating Point Value when present: it is the exact one) and unit; undefined without a value. */
export function readNumValue(item: ContentItem): { value: number; unit: string; ucum: CodedConcept | undefined } | undefined {
  const measured = readItems(item.dataset, 'MeasuredValueSequence')[0];
  if (!measured) return undefined;
  const value = readNumber(measured, 'FloatingPointValue') ?? readNumber(measured, 'NumericValue');
  if (value === undefined) return undefined;
  const ucum = readCodeSequence(measured, 'MeasurementUnitsCodeSequence');
  return { value, unit: ucum ? ucumToUnit(ucum) : '', ucum };
}

/** The image an IMAGE item (or a SCOORD's SELECTED FROM child) references. */
export function readImageReference(item: ContentItem | undefined): { SOPClassUID?: string; SOPInstanceUID: string; frameNumber?: number } | undefined {
  const ref = item ? readItems(item.dataset, 'ReferencedSOPSequence')[0] : undefined;
  const SOPInstanceUID = readString(ref, 'ReferencedSOPInstanceUID');
  if (!SOPInstanceUID) return undefined;
  return { SOPClassUID: readString(ref, 'ReferencedSOPClassUID'), SOPInstanceUID, frameNumber: readNumbers(ref, 'ReferencedFrameNumber')[0] };
}
