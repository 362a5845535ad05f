import { NO_FINDING_ID, type LabelSchemaDefinition, type LabelSnapshot } from '@readingroom/platform-shim';
import type { LabelEntry } from './labelsStore';

export interface LabelGroup {
  findingTypeId: string;
  title: string;
  color?: string;
  entries: LabelEntry[];
}

/**
 * Labels grouped by finding type, in the schema's order (then types the schema no longer has,
 * by id); within a group, in the order they were made.
 */
export function groupLabels(entries: LabelEntry[], schema: LabelSchemaDefinition | undefined): LabelGroup[] {
  const byType = new Map<string, LabelEntry[]>();
  for (const entry of entries) {
    const list = byType.get(entry.snapshot.findingTypeId);
    if (list) list.push(entry);
    else byType.set(entry.snapshot.findingTypeId, [entry]);
  }
  const order = new Map(schema?.findingTypes.map((f, i) => [f.id, i]) ?? []);
  order.set(NO_FINDING_ID, order.size);
  return [...byType.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b))
    .map(([findingTypeId, list]) => {
      const findingType = schema?.findingTypes.find(f => f.id === findingTypeId);
      const title = findingType?.label ?? (findingTypeId === NO_FINDING_ID ? (schema?.noFinding?.label ?? 'No finding') : findingTypeId);
      return { findingTypeId, title, ...(findingType?.color ? { color: findingType.color } : {}), entries: list };
    });
}

/** "Solid · 6 mm · small": a label's attribute values as the schema names them. */
export function formatAttributes(snapshot: LabelSnapshot, schema: LabelSchemaDefinition | undefined): string {
  const findingType = schema?.findingTypes.find(f => f.id === snapshot.findingTypeId);
  return Object.entries(snapshot.attributes)
    .map(([id, value]) => {
      const attribute = findingType?.attributes.find(a => a.id === id);
      if (attribute?.kind === 'enum') return attribute.options.find(o => o.id === value)?.label ?? String(value);
      if (attribute?.kind === 'number') return `${attribute.label} ${value} ${attribute.unit.CodeValue}`;
      return attribute ? `${attribute.label}: ${value}` : `${id}: ${value}`;
    })
    .join(' · ');
}

const GEOMETRY_NAMES: Record<string, string> = {
  point: 'Point',
  length: 'Length',
  bidirectional: 'Bidirectional',
  ellipse: 'Ellipse',
  rectangle: 'Rectangle',
  freehand: 'Freehand',
  segmentation: 'Segmentation',
};

/** "Length 12.3 mm", "Ellipse 45.1 mm² · mean -850 HU", "Study", "Segmentation 3 slices". */
export function formatGeometry(snapshot: LabelSnapshot): string {
  const { geometry } = snapshot;
  if (geometry.kind === 'classification') return snapshot.scope === 'study' ? 'Study' : 'Series';
  if (geometry.kind === 'segmentation') return `Segmentation ${geometry.frames.length} slice${geometry.frames.length === 1 ? '' : 's'}`;
  const shown = ['length', 'width', 'area', 'mean', 'value'];
  const measurements = (snapshot.measurements ?? [])
    .filter(m => shown.includes(m.name))
    .map(m => `${m.name === 'length' || m.name === 'area' ? '' : `${m.name} `}${formatNumber(m.value)}${m.unit ? ` ${m.unit}` : ''}`)
    .join(' · ');
  return `${GEOMETRY_NAMES[geometry.kind] ?? geometry.kind}${measurements ? ` ${measurements}` : ''}`;
}

function formatNumber(value: number): string {
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}
