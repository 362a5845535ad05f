import { NO_FINDING_ID, type CodedConcept, type GeometryKind, type LabelSchemaDefinition } from '@readingroom/platform-shim';

/** One answer the label picker offers: a finding type drawn as one geometry kind. */
export interface PickerOption {
  findingTypeId: string;
  label: string;
  code: CodedConcept;
  geometryKind: GeometryKind;
  color?: string;
}

/** What the labeler is naming: something drawn, or a classification of the case. */
export type PickerSubject = { kind: 'drawn'; geometryKind: GeometryKind } | { kind: 'classification' };

/**
 * The finding types a schema allows for what was drawn, in schema order. A classification
 * offers study-level types first, then series-level ones, then the schema's "no finding".
 */
export function listPickerOptions(schema: LabelSchemaDefinition, subject: PickerSubject): PickerOption[] {
  const kinds: GeometryKind[] = subject.kind === 'drawn' ? [subject.geometryKind] : ['study-classification', 'series-classification'];
  const options: PickerOption[] = [];
  for (const geometryKind of kinds) {
    for (const findingType of schema.findingTypes) {
      if (!findingType.geometries.includes(geometryKind)) continue;
      options.push({
        findingTypeId: findingType.id,
        label: findingType.label,
        code: findingType.code,
        geometryKind,
        ...(findingType.color ? { color: findingType.color } : {}),
      });
    }
  }
  if (subject.kind === 'classification' && schema.noFinding) {
    options.push({ findingTypeId: NO_FINDING_ID, label: schema.noFinding.label, code: schema.noFinding.code, geometryKind: 'study-classification' });
  }
  return options;
}

/** The geometry kinds a schema lets labelers draw (what the toolbar offers). */
export function listAllowedGeometries(schema: LabelSchemaDefinition | undefined): Set<GeometryKind> {
  return new Set(schema?.findingTypes.flatMap(f => f.geometries) ?? []);
}

/**
 * Options whose label or code meaning contains every word typed, case- and accent-insensitive;
 * options whose label starts with the text come first.
 */
export function filterPickerOptions(options: PickerOption[], text: string): PickerOption[] {
  const words = normalize(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  const matches = options.filter(option => {
    const haystack = normalize(`${option.label} ${option.code.CodeMeaning} ${option.findingTypeId}`);
    return words.every(word => haystack.includes(word));
  });
  const first = normalize(text.trim());
  return [...matches.filter(o => normalize(o.label).startsWith(first)), ...matches.filter(o => !normalize(o.label).startsWith(first))];
}

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
