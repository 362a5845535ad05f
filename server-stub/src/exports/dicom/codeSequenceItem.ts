import type { CodedConcept } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';

/** Longest Code Value (SH); longer codes go in Long Code Value (PS3.3 §8.8). */
const CODE_VALUE_MAX = 16;

/** A Code Sequence item (PS3.3 Table 8.8-1) for a coded concept. */
export function codeSequenceItem(concept: CodedConcept): DicomDataset {
  const long = concept.CodeValue.length > CODE_VALUE_MAX;
  return {
    CodeValue: long ? undefined : concept.CodeValue,
    LongCodeValue: long ? concept.CodeValue : undefined,
    CodingSchemeDesignator: concept.CodingSchemeDesignator,
    CodeMeaning: concept.CodeMeaning,
  };
}

/** A one-item Code Sequence. */
export function codeSequence(concept: CodedConcept): DicomDataset[] {
  return [codeSequenceItem(concept)];
}
