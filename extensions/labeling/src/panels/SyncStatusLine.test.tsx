import { INITIAL_SYNC_STATUS, type EventSender, type SyncStatus } from '@readingroom/platform-shim';
import { render, screen } from '@testing-library/react';
import { SyncStatusLine } from './SyncStatusLine';

const senderWith = (status: SyncStatus) => ({ getStatus: () => status, subscribe: () => () => undefined }) as unknown as EventSender;

describe('the sync status line', () => {
  it('says saved when the sender has every change and nothing is held back', () => {
    render(<SyncStatusLine sender={senderWith(INITIAL_SYNC_STATUS)} unsentEdits={0} />);
    expect(screen.getByTestId('rr-sync-status').getAttribute('data-state')).toBe('synced');
    expect(screen.getByTestId('rr-sync-status').textContent).toBe('All changes saved');
  });

  it('does not say saved while an edit still settles in the session (not handed to the sender yet)', () => {
    render(<SyncStatusLine sender={senderWith(INITIAL_SYNC_STATUS)} unsentEdits={1} />);
    expect(screen.getByTestId('rr-sync-status').getAttribute('data-state')).toBe('pending');
    expect(screen.getByTestId('rr-sync-status').textContent).toBe('Saving 1 change…');
  });
});
