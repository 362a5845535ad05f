import type { ExportResponse, ImportResponse } from '@readingroom/platform-shim';

/** One line of the export section's result: what happened, and whether it needs attention. */
export interface ResultLine {
  text: string;
  tone: 'ok' | 'warning' | 'error';
}

const FORMAT_NAMES = { sr: 'SR', seg: 'SEG' } as const;
const DESTINATION_NAMES = { local: 'ReadingRoom', pacs: 'PACS' } as const;

/** An export's outcome in words: each new instance with where it is stored, failures with their reason. */
export function describeExport(response: ExportResponse): ResultLine[] {
  const lines: ResultLine[] = response.instances.map(instance => {
    const results = response.destinations.filter(d => d.SOPInstanceUID === instance.SOPInstanceUID);
    const failed = results.filter(d => d.status === 'failed');
    const where = results.map(d => `${DESTINATION_NAMES[d.destination]} ${d.status === 'stored' ? '✓' : '✗'}`).join(', ');
    const labels = `${instance.labelIds.length} label${instance.labelIds.length === 1 ? '' : 's'}`;
    return {
      text: `${FORMAT_NAMES[instance.format]} with ${labels}: ${where}${failed.map(d => ` — ${DESTINATION_NAMES[d.destination]}: ${d.message ?? 'failed'}`).join('')}`,
      tone: failed.length > 0 ? 'error' : 'ok',
    };
  });
  for (const skipped of response.skipped) lines.push({ text: `${FORMAT_NAMES[skipped.format]} not written: ${skipped.reason}`, tone: 'warning' });
  for (const problem of response.problems) lines.push({ text: `A label was left out of the ${FORMAT_NAMES[problem.format]}: ${problem.message}`, tone: 'warning' });
  return lines;
}

/** An import's outcome in words: how many labels came back new, changed or unchanged, and what was refused. */
export function describeImport(response: ImportResponse): ResultLine[] {
  const count = (outcome: string) => response.labels.filter(l => l.outcome === outcome).length;
  const lines: ResultLine[] = [];
  if (response.instances.length === 0) lines.push({ text: 'No SR or SEG of this study to load.', tone: 'warning' });
  else {
    lines.push({
      text: `Loaded ${response.labels.length} label${response.labels.length === 1 ? '' : 's'} from ${response.instances.length} DICOM object${response.instances.length === 1 ? '' : 's'}: ${count('created')} new, ${count('modified')} changed, ${count('unchanged')} unchanged.`,
      tone: 'ok',
    });
  }
  for (const label of response.labels.filter(l => l.outcome === 'rejected')) lines.push({ text: `A label was refused: ${label.reason ?? 'no reason given'}`, tone: 'error' });
  for (const instance of response.instances) for (const problem of instance.problems) lines.push({ text: `Not loaded: ${problem.message}`, tone: 'warning' });
  return lines;
}
