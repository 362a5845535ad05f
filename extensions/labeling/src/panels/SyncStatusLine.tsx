import { describeRejections, describeSyncStatus, withUnsentChanges, type EventSender, type SyncState } from '@readingroom/platform-shim';
import { useCallback } from 'react';
import { PanelSummary } from '../ui/PanelSummary';
import { useStoreState } from './useStoreState';

const COLORS: Record<SyncState, string> = { synced: '#5acf7a', pending: '#f0c674', offline: '#f08a5d', error: '#ff6b6b', blocked: '#ff6b6b' };

/**
 * Tells the reader, at all times, whether their labels have reached the server; edits the session
 * still holds back (a drag settling) count as waiting.
 */
export function SyncStatusLine({ sender, unsentEdits = 0 }: { sender: EventSender; unsentEdits?: number }) {
  const subscribe = useCallback((listener: () => void) => sender.subscribe(listener), [sender]);
  const status = withUnsentChanges(useStoreState(subscribe, sender.getStatus), unsentEdits);
  return (
    <div data-testid="rr-sync-status" data-state={status.state} role="status" aria-live="polite" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
      <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: COLORS[status.state], display: 'inline-block' }} />
      <span>{describeSyncStatus(status)}</span>
      {status.rejected > 0 ? (
        <details data-testid="rr-sync-rejections">
          <PanelSummary>Why</PanelSummary>
          <ul>
            {describeRejections(status).map(line => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
