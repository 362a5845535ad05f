import type { LabelSchemaDefinition } from './labelSchema.js';
import { NO_FINDING_ID } from './labelSchema.js';
import { createValidator } from './validate.js';
import { LabelSchemaDefinition as LabelSchemaDefinitionSchema } from './labelSchema.js';

const checkShape = createValidator(LabelSchemaDefinitionSchema, 10);

/**
 * Validates a schema definition completely: its shape, then the rules a shape cannot say
 * (unique ids, sensible ranges). Errors name the JSON pointer of the offending part.
 */
export function validateLabelSchemaDefinition(value: unknown): { ok: true; value: LabelSchemaDefinition } | { ok: false; errors: string[] } {
  const shape = checkShape(value);
  if (!shape.ok) return shape;
  const definition = shape.value;
  const errors: string[] = [];
  const findingIds = new Set<string>();
  definition.findingTypes.forEach((finding, f) => {
    const at = `/findingTypes/${f}`;
    if (finding.id === NO_FINDING_ID) errors.push(`${at}/id: "${NO_FINDING_ID}" is reserved for the explicit no-finding answer`);
    if (findingIds.has(finding.id)) errors.push(`${at}/id: duplicate finding type id "${finding.id}"`);
    findingIds.add(finding.id);
    if (new Set(finding.geometries).size !== finding.geometries.length) errors.push(`${at}/geometries: listed twice`);
    const attributeIds = new Set<string>();
    finding.attributes.forEach((attribute, a) => {
      const attributeAt = `${at}/attributes/${a}`;
      if (attributeIds.has(attribute.id)) errors.push(`${attributeAt}/id: duplicate attribute id "${attribute.id}"`);
      attributeIds.add(attribute.id);
      if (attribute.kind === 'enum') {
        const optionIds = attribute.options.map(o => o.id);
        if (new Set(optionIds).size !== optionIds.length) errors.push(`${attributeAt}/options: duplicate option ids`);
      }
      if (attribute.kind === 'number' && attribute.minimum !== undefined && attribute.maximum !== undefined && attribute.minimum > attribute.maximum) {
        errors.push(`${attributeAt}: minimum ${attribute.minimum} is greater than maximum ${attribute.maximum}`);
      }
    });
  });
  if (definition.noFinding && !definition.findingTypes.some(f => f.geometries.includes('study-classification'))) {
    errors.push('/noFinding: a "no finding" answer needs at least one finding type with study-classification');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: definition };
}
