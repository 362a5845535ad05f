import { useCallback, useMemo } from 'react';
import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import { describeLabel } from '../runtime/createPickerEffects';
import { labelsReducers, selectActiveSchema, selectProjectLabels } from '../runtime/labelsStore';
import type { ExtensionParams } from '../types/ohif';
import { colors } from '../ui/theme';
import { CaseBar } from './CaseBar';
import { ClassifyButton } from './ClassifyButton';
import { LabelList } from './LabelList';
import type { RowAction } from './LabelRow';
import { listPanelSections } from './panelSections';
import { SessionHeader } from './SessionHeader';
import { ShortcutList } from './ShortcutList';
import { UndoBar } from './UndoBar';
import { useStoreState } from './useStoreState';

const styles = {
  panel: { padding: '8px 10px', color: colors.text, fontSize: 13, lineHeight: 1.4, overflowY: 'auto', height: '100%', boxSizing: 'border-box' },
  heading: { fontSize: 12, textTransform: 'uppercase', letterSpacing: '0.05em', color: colors.muted, margin: '12px 0 4px', display: 'flex', alignItems: 'center', gap: 8 },
  warning: { color: colors.warning, margin: '6px 0' },
} as const;

export interface LabelsPanelProps {
  runtime: LabelingRuntime;
  params: Pick<ExtensionParams, 'servicesManager' | 'commandsManager' | 'extensionManager'>;
}

/** The labels of the case grouped by finding type, with edit, delete/undo, jump, status and submission. */
export function LabelsPanel({ runtime, params }: LabelsPanelProps) {
  const { store, sender } = runtime;
  const state = useStoreState(store.subscribe, store.getState);
  const subscribeSession = useCallback((listener: () => void) => runtime.session.subscribe(listener), [runtime]);
  const session = useStoreState(subscribeSession, runtime.session.get);
  const schema = selectActiveSchema(state);
  const { labels, activeProjectId } = state;
  const entries = useMemo(() => selectProjectLabels({ ...state, labels, activeProjectId }), [labels, activeProjectId]); // eslint-disable-line react-hooks/exhaustive-deps
  const loading = state.loadingStudies.length > 0;
  const sections = listPanelSections();

  const onAction = useCallback(
    (labelId: string, action: RowAction, anchor?: { x: number; y: number }) => {
      if (!session) return;
      if (action === 'edit') session.actions.editLabel(labelId, anchor);
      else if (action === 'delete') session.actions.deleteLabel(labelId);
      else void session.actions.showLabel(labelId);
    },
    [session],
  );
  const onSelect = useCallback((labelId: string) => session?.actions.selectLabel(labelId), [session]);
  const onUndo = useCallback(() => session?.actions.undoDelete() ?? false, [session]);
  // With a session the viewer swaps the drawings too; without one there are none to swap.
  const onChooseProject = useCallback((projectId: string) => (session ? session.chooseProject(projectId) : store.update(s => labelsReducers.projectChosen(s, projectId))), [session, store]);
  const onUndoExpired = useCallback(() => store.update(s => labelsReducers.undoExpired(s, Date.now())), [store]);

  return (
    <section data-testid="rr-labels-panel" aria-label="ReadingRoom labels" style={styles.panel}>
      <SessionHeader state={state} sender={sender} onChooseProject={onChooseProject} />
      {[...state.loadErrors, ...state.notices].map((message, i) => (
        <p key={`${i}-${message}`} role={i < state.loadErrors.length ? 'alert' : undefined} style={styles.warning}>
          {message}
        </p>
      ))}
      <UndoBar undo={state.undo} title={state.undo ? describeLabel(schema, state.undo.snapshot).title : ''} onUndo={onUndo} onExpired={onUndoExpired} />
      <h3 style={styles.heading}>
        <span>
          Labels <span data-testid="rr-label-count">{entries.length}</span>
          {loading ? ' · loading saved labels…' : ''}
        </span>
        {schema ? (
          <ClassifyButton onClassify={() => session?.actions.classify()} />
        ) : null}
      </h3>
      {entries.length === 0 && !loading ? <p style={{ color: colors.muted }}>{schema ? 'No labels yet. Choose a tool above and draw, or classify the study.' : 'No labels.'}</p> : null}
      <LabelList entries={entries} schema={schema?.definition} selectedLabelId={state.selectedLabelId} onSelect={onSelect} onAction={onAction} onUndo={onUndo} />
      <CaseBar entries={entries} submission={state.submission} canSubmit={Boolean(session && schema)} onSubmit={() => void session?.commands.submitCase()} />
      {sections.map(({ id, title, Component }) => (
        <section key={id} aria-label={title} data-testid={`rr-panel-section-${id}`}>
          <h3 style={styles.heading}>{title}</h3>
          <Component runtime={runtime} params={params} />
        </section>
      ))}
      <ShortcutList />
    </section>
  );
}
