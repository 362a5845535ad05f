import type { ExportFormat } from '@readingroom/platform-shim';
import { PanelButton } from '../ui/PanelButton';
import { buttonStyle, colors } from '../ui/theme';
import type { ResultLine } from './describeExportResults';

export type ExportTask = { kind: 'export'; format: ExportFormat } | { kind: 'import' };

export type ExportStatus = { state: 'idle' } | { state: 'working'; task: ExportTask } | { state: 'done'; lines: ResultLine[] } | { state: 'failed'; message: string };

const TONES = { ok: colors.ok, warning: colors.warning, error: colors.error } as const;
const WORKING = { sr: 'Writing the DICOM SR…', seg: 'Writing the DICOM SEG…' } as const;

export interface ExportSectionViewProps {
  /** Why the buttons are off (no case or no project yet); undefined when they work. */
  unavailable?: string;
  status: ExportStatus;
  onRun(task: ExportTask): void;
}

/** Export SR / Export SEG / Load from DICOM, and what the last one did. Buttons reachable by Tab and run by Enter or Space. */
export function ExportSectionView({ unavailable, status, onRun }: ExportSectionViewProps) {
  const busy = status.state === 'working';
  const disabled = busy || unavailable !== undefined;
  const button = (task: ExportTask, label: string, testId: string, title: string) => (
    <PanelButton data-testid={testId} disabled={disabled} aria-disabled={disabled} title={title} onActivate={() => onRun(task)} style={{ ...buttonStyle, opacity: disabled ? 0.5 : 1 }}>
      {label}
    </PanelButton>
  );
  return (
    <div data-testid="rr-export-section">
      <div role="group" aria-label="DICOM export and import" style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        {button({ kind: 'export', format: 'sr' }, 'Export SR', 'rr-export-sr', 'Measurements, ROIs and classifications as a DICOM SR (TID 1500)')}
        {button({ kind: 'export', format: 'seg' }, 'Export SEG', 'rr-export-seg', 'Segmentations as a DICOM SEG')}
        {button({ kind: 'import' }, 'Load from DICOM', 'rr-import-dicom', "Load the study's SR and SEG back as labels")}
      </div>
      <div role="status" aria-live="polite" data-testid="rr-export-status" data-state={status.state} style={{ marginTop: 6, fontSize: 12 }}>
        {unavailable ? <p style={{ color: colors.muted, margin: 0 }}>{unavailable}</p> : null}
        {status.state === 'working' ? <p style={{ margin: 0 }}>{status.task.kind === 'import' ? 'Loading labels from DICOM…' : WORKING[status.task.format]}</p> : null}
        {status.state === 'done'
          ? status.lines.map((line, i) => (
              <p key={i} data-tone={line.tone} style={{ margin: '2px 0', color: TONES[line.tone] }}>
                {line.text}
              </p>
            ))
          : null}
      </div>
      {status.state === 'failed' ? (
        <p role="alert" data-testid="rr-export-error" style={{ margin: '2px 0', fontSize: 12, color: colors.error }}>
          {status.message}
        </p>
      ) : null}
    </div>
  );
}
