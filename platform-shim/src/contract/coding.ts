import { Type, type Static } from '@sinclair/typebox';

/**
 * A coded concept as DICOM carries it in a Code Sequence item (PS3.3 §8.8): SNOMED CT (SCT),
 * RadLex (RADLEX), DICOM (DCM), UCUM for units, ... CodeValue may be a LongCodeValue (≤ 64).
 */
export const CodedConcept = Type.Object(
  {
    CodeValue: Type.String({ minLength: 1, maxLength: 64 }),
    CodingSchemeDesignator: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9_.-]+$' }),
    CodeMeaning: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type CodedConcept = Static<typeof CodedConcept>;

/** Identifiers chosen by people (project ids, finding type ids, attribute ids): stable and URL-safe. */
export const Slug = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' });
