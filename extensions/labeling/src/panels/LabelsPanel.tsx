import type { EventSender } from '@readingroom/platform-shim';
import { formatMeasurements, groupLabels } from '../runtime/groupLabels';
import type { LabelsStore } from '../runtime/labelsStore';
import { SyncStatusLine } from './SyncStatusLine';
import { useStoreState } from './useStoreState';

const styles = {
  panel: { padding: '8px 10px', color: '#d8e1ef', fontSize: 13, lineHeight: 1.4, overflowY: 'auto', height: '100%' },
  muted: { color: '#8a97ad' },
  heading: { fontSize: 12, textTransform: 'uppercase', letterSpacing: '0.05em', color: '#8a97ad', margin: '12px 0 4px' },
  item: { padding: '4px 6px', borderRadius: 4, background: 'rgba(255,255,255,0.04)', marginBottom: 3 },
  warning: { color: '#f0c674', margin: '6px 0' },
} as const;

/** The study's labels, who is labeling, and whether the server has everything. */
export function LabelsPanel({ store, sender }: { store: LabelsStore; sender: EventSender }) {
  const state = useStoreState(store.subscribe, store.getState);
  const groups = groupLabels(state.labels);
  const loading = state.loadingStudies.length > 0;

  return (
    <section data-testid="rr-labels-panel" aria-label="ReadingRoom labels" style={styles.panel}>
      <div data-testid="rr-current-user" style={styles.muted}>
        {state.user ? (
          <>
            Signed in as <strong style={{ color: '#d8e1ef' }}>{state.user.displayName}</strong>
            {state.identity === 'development' ? ' · development identity (loopback only)' : ''}
          </>
        ) : (
          (state.sessionError ?? 'Connecting…')
        )}
      </div>
      <SyncStatusLine sender={sender} />
      {state.loadErrors.map(message => (
        <p key={message} role="alert" style={styles.warning}>
          {message}
        </p>
      ))}
      {state.notices.map((message, i) => (
        <p key={`${i}-${message}`} style={styles.warning}>
          {message}
        </p>
      ))}
      <h3 style={styles.heading}>
        Labels <span data-testid="rr-label-count">{state.labels.length}</span>
        {loading ? ' · loading saved labels…' : ''}
      </h3>
      {groups.length === 0 && !loading ? <p style={styles.muted}>No labels yet. Draw a measurement to add one.</p> : null}
      {groups.map(group => (
        <div key={group.toolName} data-testid="rr-label-group" data-tool={group.toolName}>
          <h4 style={styles.heading}>
            {group.toolName} ({group.entries.length})
          </h4>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {group.entries.map(entry => (
              <li
                key={entry.snapshot.labelId}
                data-testid="rr-label-item"
                data-label-id={entry.snapshot.labelId}
                data-origin={entry.origin}
                style={styles.item}
              >
                <div>{entry.snapshot.text || group.toolName}</div>
                <div style={styles.muted}>{formatMeasurements(entry) || 'no measurement'}</div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
