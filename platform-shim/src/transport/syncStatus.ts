/**
 * What the user is told about their changes reaching the server.
 * - synced: the server has every change;
 * - pending: changes are kept in this browser and on their way;
 * - offline: the server cannot be reached; changes are kept and retried;
 * - error: the server answered with an error; changes are kept and retried;
 * - blocked: this browser cannot keep new changes (storage full or unavailable), so new labels
 *   are refused until it can.
 */
export type SyncState = 'synced' | 'pending' | 'offline' | 'error' | 'blocked';

export const SYNC_STATES: readonly SyncState[] = ['synced', 'pending', 'offline', 'error', 'blocked'];

export interface SyncRejection {
  eventId: string;
  reason: string;
}

export interface SyncStatus {
  state: SyncState;
  /** Changes kept in this browser and not yet acknowledged by the server. */
  pending: number;
  /** Changes the server refused (kept in the browser for diagnosis; the latest in `rejections`). */
  rejected: number;
  rejections: SyncRejection[];
  /** Why the state is offline, error or blocked, in words a user can act on. */
  message?: string;
}

export const INITIAL_SYNC_STATUS: SyncStatus = { state: 'synced', pending: 0, rejected: 0, rejections: [] };

/** The facts an outbox knows; `deriveSyncStatus` turns them into what the user sees. */
export interface SyncFacts {
  pending: number;
  rejected: number;
  rejections: SyncRejection[];
  /** The last attempt to send failed (cleared by the next success). */
  failure?: { state: 'offline' | 'error'; message: string };
  /** Why new changes cannot be kept right now (cleared once a write succeeds again). */
  blocked?: string;
}

/** Blocked outranks everything (the user must stop labeling); a failure matters only while changes wait. */
export function deriveSyncStatus(facts: SyncFacts): SyncStatus {
  const base = { pending: facts.pending, rejected: facts.rejected, rejections: facts.rejections };
  if (facts.blocked !== undefined) return { ...base, state: 'blocked', message: facts.blocked };
  if (facts.failure && facts.pending > 0) return { ...base, state: facts.failure.state, message: facts.failure.message };
  return { ...base, state: facts.pending > 0 ? 'pending' : 'synced' };
}

/**
 * The status with changes the viewer holds back for a moment (an edit settling while a handle is
 * dragged, statistics Cornerstone has just computed) counted as waiting: never "synced" while one is.
 */
export function withUnsentChanges(status: SyncStatus, unsent: number): SyncStatus {
  if (unsent <= 0) return status;
  return { ...status, pending: status.pending + unsent, state: status.state === 'synced' ? 'pending' : status.state };
}

const changes = (n: number) => `${n} change${n === 1 ? '' : 's'}`;

/** One line for a status indicator. */
export function describeSyncStatus(status: SyncStatus): string {
  const rejected = status.rejected > 0 ? `; ${status.rejected} refused by the server` : '';
  switch (status.state) {
    case 'synced':
      return status.rejected > 0 ? `Saved${rejected}` : 'All changes saved';
    case 'pending':
      return `Saving ${changes(status.pending)}…${rejected}`;
    case 'offline':
      return `Offline: ${changes(status.pending)} kept in this browser, retrying${rejected}`;
    case 'error':
      return `${status.message ?? 'Error'}${status.pending > 0 ? ` (${changes(status.pending)} kept, retrying)` : ''}${rejected}`;
    case 'blocked':
      return `New labels cannot be saved: ${status.message ?? 'browser storage unavailable'}${status.pending > 0 ? ` (${changes(status.pending)} kept)` : ''}`;
  }
}

/** One line per refused change, for a details list next to the indicator. */
export function describeRejections(status: SyncStatus): string[] {
  return status.rejections.map(r => `Change ${r.eventId.slice(0, 8)}… refused: ${r.reason}`);
}
