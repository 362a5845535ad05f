import type { AttributeDefinition, FindingType, GeometryKind, LabelSchemaDefinition } from './labelSchema.js';
import { NO_FINDING_ID } from './labelSchema.js';
import type { LabelSnapshot } from './labels.js';

/** The schema geometry kind a label is, from its geometry and scope. */
export function geometryKindOf(label: Pick<LabelSnapshot, 'geometry' | 'scope'>): GeometryKind | undefined {
  const { geometry, scope } = label;
  if (geometry.kind === 'classification') {
    return scope === 'series' ? 'series-classification' : scope === 'study' ? 'study-classification' : undefined;
  }
  return geometry.kind as GeometryKind;
}

/**
 * Checks a label against the schema version it names: a known finding type drawn as that type
 * allows, at the right scope, with valid attribute values and every required attribute given.
 * The same function guards the label picker in the viewer and label ingest on the server.
 */
export function validateLabelAgainstSchema(label: LabelSnapshot, schema: LabelSchemaDefinition): string[] {
  const errors = validateScope(label);
  if (label.findingTypeId === NO_FINDING_ID) {
    if (!schema.noFinding) errors.push('/findingTypeId: this schema has no "no finding" answer');
    if (label.scope !== 'study' || label.geometry.kind !== 'classification') errors.push('/findingTypeId: "no finding" is a study-level classification');
    if (Object.keys(label.attributes).length > 0) errors.push('/attributes: "no finding" has no attributes');
    return errors;
  }
  const finding = schema.findingTypes.find(f => f.id === label.findingTypeId);
  if (!finding) return [...errors, `/findingTypeId: "${label.findingTypeId}" is not a finding type of this schema`];
  const kind = geometryKindOf(label);
  if (!kind || !finding.geometries.includes(kind)) {
    errors.push(`/geometry: ${finding.label} cannot be a ${kind ?? `${label.geometry.kind} at ${label.scope} level`} (allowed: ${finding.geometries.join(', ')})`);
  }
  return [...errors, ...validateAttributes(label.attributes, finding)];
}

function validateScope(label: LabelSnapshot): string[] {
  const errors: string[] = [];
  const { scope, geometry } = label;
  if (geometry.kind === 'segmentation') {
    if (scope !== 'series') errors.push('/scope: a segmentation is a series-level label');
    if (!label.SeriesInstanceUID) errors.push('/SeriesInstanceUID: a segmentation names its series');
  } else if (geometry.kind === 'classification') {
    if (scope === 'image') errors.push('/scope: a classification is a series- or study-level label');
  } else if (scope !== 'image') {
    errors.push(`/scope: a ${geometry.kind} is drawn on an image (scope "image")`);
  }
  if (scope === 'image' && (!label.SeriesInstanceUID || !label.SOPInstanceUID)) errors.push('/SOPInstanceUID: an image label names its series and instance');
  if (scope === 'series' && !label.SeriesInstanceUID) errors.push('/SeriesInstanceUID: a series label names its series');
  if (scope !== 'image' && label.SOPInstanceUID) errors.push(`/SOPInstanceUID: a ${scope} label names no instance`);
  if (scope === 'study' && label.SeriesInstanceUID) errors.push('/SeriesInstanceUID: a study label names no series');
  return errors;
}

function validateAttributes(values: LabelSnapshot['attributes'], finding: FindingType): string[] {
  const errors: string[] = [];
  for (const id of Object.keys(values)) {
    if (!finding.attributes.some(a => a.id === id)) errors.push(`/attributes/${id}: not an attribute of ${finding.label}`);
  }
  for (const attribute of finding.attributes) {
    const value = values[attribute.id];
    if (value === undefined || value === '') {
      if (attribute.required) errors.push(`/attributes/${attribute.id}: ${attribute.label} is required`);
      continue;
    }
    const problem = checkAttributeValue(attribute, value);
    if (problem) errors.push(`/attributes/${attribute.id}: ${problem}`);
  }
  return errors;
}

/** Why a value does not fit an attribute, or undefined when it does (used by the picker per field). */
export function checkAttributeValue(attribute: AttributeDefinition, value: string | number): string | undefined {
  switch (attribute.kind) {
    case 'enum':
      return typeof value === 'string' && attribute.options.some(o => o.id === value)
        ? undefined
        : `${attribute.label} must be one of ${attribute.options.map(o => o.label).join(', ')}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${attribute.label} must be a number`;
      if (attribute.minimum !== undefined && value < attribute.minimum) return `${attribute.label} must be at least ${attribute.minimum} ${attribute.unit.CodeValue}`;
      if (attribute.maximum !== undefined && value > attribute.maximum) return `${attribute.label} must be at most ${attribute.maximum} ${attribute.unit.CodeValue}`;
      return undefined;
    case 'text':
      if (typeof value !== 'string') return `${attribute.label} must be text`;
      return value.length > attribute.maxLength ? `${attribute.label} must be at most ${attribute.maxLength} characters` : undefined;
  }
}
