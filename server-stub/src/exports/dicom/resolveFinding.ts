import { NO_FINDING_ID, type CodedConcept, type FindingType, type LabelSchemaDefinition } from '@readingroom/platform-shim';
import { isSameConcept } from './concepts.js';

/** A finding type as the exports use it; the explicit "no finding" has no category. */
export interface ResolvedFinding {
  type: FindingType;
  category: CodedConcept | undefined;
}

/** The finding type a label names, or undefined when the schema has none by that id. */
export function resolveFinding(schema: LabelSchemaDefinition, findingTypeId: string): ResolvedFinding | undefined {
  if (findingTypeId === NO_FINDING_ID) {
    if (!schema.noFinding) return undefined;
    const { label, code } = schema.noFinding;
    return { type: { id: NO_FINDING_ID, label, code, category: code, geometries: ['study-classification'], attributes: [] }, category: undefined };
  }
  const type = schema.findingTypes.find(f => f.id === findingTypeId);
  return type ? { type, category: type.category } : undefined;
}

/**
 * The finding type recorded as `code` (and `category`, when given) in a file without our label
 * facts. Several types may share a code; the category decides, then the first wins.
 */
export function findFindingByCode(schema: LabelSchemaDefinition, code: CodedConcept, category?: CodedConcept): ResolvedFinding | undefined {
  const matches = schema.findingTypes.filter(f => isSameConcept(f.code, code));
  const type = matches.find(f => !category || isSameConcept(f.category, category)) ?? matches[0];
  if (type) return { type, category: type.category };
  if (schema.noFinding && isSameConcept(schema.noFinding.code, code)) return resolveFinding(schema, NO_FINDING_ID);
  return undefined;
}
