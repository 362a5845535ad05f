import type { CodedConcept } from '@readingroom/platform-shim';

const ucum = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'UCUM', CodeMeaning });

/**
 * Viewer unit strings (as Cornerstone3D writes them) and their UCUM codes. One to one, so a unit
 * comes back from DICOM exactly as the label had it.
 */
const UNITS: ReadonlyArray<readonly [string, CodedConcept]> = [
  ['', ucum('1', 'no units')],
  ['mm', ucum('mm', 'millimeter')],
  ['cm', ucum('cm', 'centimeter')],
  ['mm\u00b2', ucum('mm2', 'square millimeter')],
  ['cm\u00b2', ucum('cm2', 'square centimeter')],
  ['mm\u00b3', ucum('mm3', 'cubic millimeter')],
  ['cm\u00b3', ucum('cm3', 'cubic centimeter')],
  ['mL', ucum('mL', 'milliliter')],
  ['HU', ucum("[hnsf'U]", 'Hounsfield unit')],
  ['%', ucum('%', 'percent')],
  ['\u00b0', ucum('deg', 'degree')],
  ['s', ucum('s', 'second')],
  ['ms', ucum('ms', 'millisecond')],
];

/**
 * UCUM code for a viewer unit. Units without an entry become a UCUM annotation ("{...}", which
 * UCUM reads as 1 with a note), percent-encoded so any text is a valid annotation and decodes back.
 */
export function unitToUcum(unit: string): CodedConcept {
  const known = UNITS.find(([text]) => text === unit);
  if (known) return known[1];
  return ucum(`{${encodeURIComponent(unit)}}`, unit.slice(0, 64) || 'no units');
}

/** The viewer unit for a UCUM code (the inverse of unitToUcum); other codes come back as their code. */
export function ucumToUnit(code: CodedConcept): string {
  const known = UNITS.find(([, concept]) => concept.CodeValue === code.CodeValue);
  if (known) return known[0];
  const annotation = /^\{(.*)\}$/.exec(code.CodeValue);
  if (annotation) {
    try {
      return decodeURIComponent(annotation[1]!);
    } catch {
      return annotation[1]!;
    }
  }
  return code.CodeValue;
}
