import type { LabelEntry } from './labelsStore';

export interface LabelGroup {
  toolName: string;
  entries: LabelEntry[];
}

/** Labels grouped by the tool that drew them, groups and entries in a stable order. */
export function groupLabels(entries: LabelEntry[]): LabelGroup[] {
  const groups = new Map<string, LabelEntry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.snapshot.toolName) ?? [];
    list.push(entry);
    groups.set(entry.snapshot.toolName, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([toolName, list]) => ({ toolName, entries: list }));
}

/** "12.3 mm", "45.1 mm² · mean -850 HU": the measurements a reader expects beside a label. */
export function formatMeasurements(entry: LabelEntry): string {
  const shown = ['length', 'width', 'area', 'mean', 'angle', 'value'];
  return (entry.snapshot.measurements ?? [])
    .filter(m => shown.includes(m.name))
    .map(m => `${m.name === 'length' || m.name === 'area' || m.name === 'angle' ? '' : `${m.name} `}${formatNumber(m.value)}${m.unit ? ` ${m.unit}` : ''}`)
    .join(' · ');
}

function formatNumber(value: number): string {
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}
