/** What the user is told about their changes reaching the server. */
export type SyncState = 'synced' | 'pending' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Changes not yet acknowledged by the server. */
  pending: number;
  /** Changes the server refused (each with its reason in `rejections`). */
  rejected: number;
  rejections: Array<{ eventId: string; reason: string }>;
  /** Why the state is offline or error, in words a user can act on. */
  message?: string;
}

export const INITIAL_SYNC_STATUS: SyncStatus = { state: 'synced', pending: 0, rejected: 0, rejections: [] };

/** One line for a status indicator. */
export function describeSyncStatus(status: SyncStatus): string {
  const rejected = status.rejected > 0 ? `; ${status.rejected} refused by the server` : '';
  switch (status.state) {
    case 'synced':
      return status.rejected > 0 ? `Saved${rejected}` : 'All changes saved';
    case 'pending':
      return `Saving ${status.pending} change${status.pending === 1 ? '' : 's'}…${rejected}`;
    case 'offline':
      return `Offline: ${status.pending} change${status.pending === 1 ? '' : 's'} waiting${rejected}`;
    case 'error':
      return `${status.message ?? 'Error'}${status.pending > 0 ? ` (${status.pending} waiting)` : ''}`;
  }
}
