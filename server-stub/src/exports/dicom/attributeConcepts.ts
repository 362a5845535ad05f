import type { AttributeDefinition, CodedConcept, FindingType } from '@readingroom/platform-shim';
import { concepts, isSameConcept, PRIVATE_SCHEMES, privateConcepts } from './concepts.js';

/** Concepts with a fixed role in a measurement group or finding; an attribute never takes one of them. */
const RESERVED: readonly CodedConcept[] = [
  concepts.trackingIdentifier,
  concepts.trackingUniqueIdentifier,
  concepts.findingCategory,
  concepts.finding,
  concepts.source,
  concepts.imageRegion,
  concepts.comment,
  concepts.seriesInstanceUID,
  concepts.longAxis,
  concepts.shortAxis,
  privateConcepts.labelFacts,
];

/**
 * The concept name an attribute's values are recorded under: its schema code (the TID 1500
 * "Qualitative Evaluation" or measurement concept), or, for attributes without one or whose code
 * another item of the group already uses, a private code whose value is the attribute id.
 */
export function conceptForAttribute(attribute: AttributeDefinition, finding: FindingType): CodedConcept {
  const code = attribute.code;
  const clash = !code
    || RESERVED.some(r => isSameConcept(r, code))
    || finding.attributes.some(other => other !== attribute && isSameConcept(other.code, code));
  if (!clash) return code;
  return { CodeValue: attribute.id, CodingSchemeDesignator: PRIVATE_SCHEMES.attribute.designator, CodeMeaning: attribute.label };
}

/** The attribute of `finding` recorded under `concept`, if any. */
export function attributeForConcept(concept: CodedConcept, finding: FindingType): AttributeDefinition | undefined {
  return finding.attributes.find(attribute => isSameConcept(conceptForAttribute(attribute, finding), concept));
}

/** Every attribute concept of a finding type (measurements must not reuse them). */
export function attributeConcepts(finding: FindingType): CodedConcept[] {
  return finding.attributes.map(attribute => conceptForAttribute(attribute, finding));
}
