import type { EventSender } from '@readingroom/platform-shim';
import type { LabelsState } from '../runtime/labelsStore';
import { colors } from '../ui/theme';
import { SyncStatusLine } from './SyncStatusLine';

/** Who is labeling, whether the server has everything, and which project and schema the case is labeled for. */
export function SessionHeader({ state, sender, onChooseProject }: { state: LabelsState; sender: EventSender; onChooseProject: (projectId: string) => void }) {
  const active = state.projects.find(p => p.project.projectId === state.activeProjectId);
  return (
    <header>
      <div data-testid="rr-current-user" style={{ color: colors.muted }}>
        {state.user ? (
          <>
            Signed in as <strong style={{ color: colors.text }}>{state.user.displayName}</strong>
            {state.identity === 'development' ? ' · development identity (loopback only)' : ''}
          </>
        ) : (
          (state.sessionError ?? 'Connecting…')
        )}
      </div>
      <SyncStatusLine sender={sender} unsentEdits={state.unsentEdits} />
      <div data-testid="rr-project" data-project-id={state.activeProjectId ?? ''} data-schema-version={active?.schema?.version ?? ''} style={{ marginTop: 4 }}>
        {state.projectsLoading ? (
          'Loading the project…'
        ) : state.projects.length > 1 ? (
          <label>
            Project{' '}
            <select value={state.activeProjectId} onChange={event => onChooseProject(event.target.value)} style={{ background: colors.surface, color: colors.text }}>
              {state.projects.map(p => (
                <option key={p.project.projectId} value={p.project.projectId}>
                  {p.project.title}
                </option>
              ))}
            </select>
          </label>
        ) : active ? (
          <>
            Project <strong>{active.project.title}</strong>
          </>
        ) : state.studyUid && !state.projectError ? (
          <span role="status">This study is in no labeling project.</span>
        ) : null}
        {active ? <span style={{ color: colors.muted }}>{active.schema ? ` · schema v${active.schema.version}` : ' · no label schema yet'}</span> : null}
      </div>
      {state.projectError ? (
        <p role="alert" style={{ color: colors.warning, margin: '6px 0' }}>
          {state.projectError}
        </p>
      ) : null}
    </header>
  );
}
