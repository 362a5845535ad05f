import type { LabelSnapshot } from '@readingroom/platform-shim';

/** A label's content as JSON with its keys sorted, so copies built in a different key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a drawing shows: where it is and what it is (statistics are computed by the viewer again). */
const drawnContent = ({ measurements: _measurements, ...label }: LabelSnapshot) => canonical(label);

export interface LabelReloadPlan {
  /** Labels shown now whose drawing must go: gone from the server, or changed there. */
  erase: LabelSnapshot[];
  /** The server's labels not shown as they are there: drawn (again). */
  draw: LabelSnapshot[];
}

/**
 * Which drawings to take away and which to draw so that the viewer shows the server's labels of a
 * case (e.g. after labels were loaded from DICOM). Labels that are the same on both sides are left
 * alone.
 */
export function planLabelReload(shown: LabelSnapshot[], server: LabelSnapshot[]): LabelReloadPlan {
  const onServer = new Map(server.map(label => [label.labelId, drawnContent(label)]));
  const erase = shown.filter(label => onServer.get(label.labelId) !== drawnContent(label));
  const unchanged = new Set(shown.filter(label => !erase.includes(label)).map(label => label.labelId));
  return { erase, draw: server.filter(label => !unchanged.has(label.labelId)) };
}
