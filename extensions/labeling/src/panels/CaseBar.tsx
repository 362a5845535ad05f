import type { LabelEntry, SubmissionState } from '../runtime/labelsStore';
import { PanelButton } from '../ui/PanelButton';
import { colors, kbdStyle, primaryButtonStyle } from '../ui/theme';

/** The case's status (draft / submitted labels) and "Submit case & next". */
export function CaseBar({ entries, submission, canSubmit, onSubmit }: { entries: LabelEntry[]; submission: SubmissionState; canSubmit: boolean; onSubmit: () => void }) {
  const drafts = entries.filter(e => e.snapshot.status === 'draft').length;
  const submitted = entries.length - drafts;
  const message =
    submission.state === 'submitting'
      ? 'Submitting…'
      : submission.state === 'failed'
        ? submission.message
        : submission.state === 'submitted'
          ? submission.nextStudyUid
            ? 'Submitted. Opening the next case…'
            : 'Submitted. No cases left in this project.'
          : undefined;
  return (
    <div style={{ margin: '10px 0', padding: '6px 0', borderTop: `1px solid ${colors.border}` }}>
      <div data-testid="rr-case-status" data-drafts={drafts} data-submitted={submitted} style={{ color: colors.muted, marginBottom: 6 }}>
        Case: {drafts} draft · {submitted} submitted
      </div>
      <PanelButton onActivate={onSubmit} disabled={!canSubmit || submission.state === 'submitting'} style={{ ...primaryButtonStyle, width: '100%', opacity: canSubmit ? 1 : 0.5 }} data-testid="rr-submit-case">
        Submit case &amp; next <kbd style={kbdStyle}>Ctrl+Enter</kbd>
      </PanelButton>
      {message ? (
        <p role={submission.state === 'failed' ? 'alert' : 'status'} data-testid="rr-submission" data-state={submission.state} style={{ margin: '6px 0 0', color: submission.state === 'failed' ? colors.error : colors.text }}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
