import { deriveSyncStatus, describeRejections, describeSyncStatus, withUnsentChanges, type SyncStatus } from './syncStatus';

const none = { rejected: 0, rejections: [] };

describe('deriveSyncStatus', () => {
  it.each([
    ['nothing waiting', { pending: 0, ...none }, 'synced'],
    ['changes waiting', { pending: 3, ...none }, 'pending'],
    ['changes waiting after a network failure', { pending: 3, ...none, failure: { state: 'offline' as const, message: 'Server unreachable' } }, 'offline'],
    ['a failure with nothing left waiting', { pending: 0, ...none, failure: { state: 'error' as const, message: 'x' } }, 'synced'],
    ['storage refusing writes, even while offline', { pending: 3, ...none, blocked: 'full', failure: { state: 'offline' as const, message: 'x' } }, 'blocked'],
  ])('%s → %s', (_name, facts, state) => {
    expect(deriveSyncStatus(facts).state).toBe(state);
  });

  it('carries the reason of a blocked outbox as the message', () => {
    expect(deriveSyncStatus({ pending: 1, ...none, blocked: 'storage is full' })).toMatchObject({ state: 'blocked', message: 'storage is full', pending: 1 });
  });
});

describe('withUnsentChanges', () => {
  it('is not synced while an edit is held back, and counts it among the waiting changes', () => {
    const synced = deriveSyncStatus({ pending: 0, ...none });
    expect(withUnsentChanges(synced, 0)).toBe(synced);
    expect(withUnsentChanges(synced, 1)).toMatchObject({ state: 'pending', pending: 1 });
    expect(withUnsentChanges(deriveSyncStatus({ pending: 2, ...none, failure: { state: 'offline', message: 'x' } }), 1)).toMatchObject({ state: 'offline', pending: 3 });
  });
});

describe('describeSyncStatus', () => {
  const status = (s: Partial<SyncStatus>): SyncStatus => ({ state: 'synced', pending: 0, ...none, ...s });
  it.each([
    [status({}), 'All changes saved'],
    [status({ state: 'pending', pending: 1 }), 'Saving 1 change…'],
    [status({ state: 'offline', pending: 4 }), 'Offline: 4 changes kept in this browser, retrying'],
    [status({ state: 'error', pending: 2, message: 'Server refused the changes: body must be JSON' }), 'Server refused the changes: body must be JSON (2 changes kept, retrying)'],
    [status({ state: 'blocked', pending: 2, message: 'browser storage for ReadingRoom is full' }), 'New labels cannot be saved: browser storage for ReadingRoom is full (2 changes kept)'],
    [status({ rejected: 1, rejections: [{ eventId: 'x', reason: 'y' }] }), 'Saved; 1 refused by the server'],
  ])('%j', (input, text) => {
    expect(describeSyncStatus(input)).toBe(text);
  });

  it('lists refused changes with their reasons', () => {
    const lines = describeRejections(status({ rejected: 1, rejections: [{ eventId: '0192f0c8-0000-7000-8000-000000000001', reason: '/payload: bad' }] }));
    expect(lines).toEqual(['Change 0192f0c8… refused: /payload: bad']);
  });
});
