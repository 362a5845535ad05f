import type { TimingReport } from '@readingroom/platform-shim';

export const TIMING_CSV_COLUMNS = ['labeler_id', 'project_id', 'study_instance_uid', 'level', 'finding_type_id', 'label_id', 'label_count', 'active_ms', 'active_minutes'] as const;

/**
 * The timing report as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks
 * quoted, quotes doubled), one row per labeler total, case, finding type and label. Text that a
 * spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading apostrophe.
 */
export function formatTimingCsv(report: TimingReport): string {
  const rows: Array<Array<string | number | null>> = [[...TIMING_CSV_COLUMNS]];
  for (const labeler of report.labelers) {
    rows.push([labeler.labelerId, null, null, 'labeler', null, null, null, labeler.activeMs, minutes(labeler.activeMs)]);
    for (const c of labeler.cases) {
      rows.push([labeler.labelerId, c.projectId, c.StudyInstanceUID, 'case', null, null, c.byLabel.length, c.activeMs, minutes(c.activeMs)]);
      for (const t of c.byFindingType) rows.push([labeler.labelerId, c.projectId, c.StudyInstanceUID, 'finding-type', t.findingTypeId, null, t.labelCount, t.activeMs, minutes(t.activeMs)]);
      for (const l of c.byLabel) rows.push([labeler.labelerId, c.projectId, c.StudyInstanceUID, 'label', l.findingTypeId, l.labelId, null, l.activeMs, minutes(l.activeMs)]);
    }
  }
  return rows.map(row => row.map(formatCsvField).join(',')).join('\r\n') + '\r\n';
}

const minutes = (ms: number) => (ms / 60_000).toFixed(2);

export function formatCsvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
