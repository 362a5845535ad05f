import type { SessionUser } from '@readingroom/platform-shim';
import type { AuditRecorder } from '../../ledger/AuditRecorder.js';
import { toAuditActor } from '../../ledger/entries/toAuditActor.js';
import type { Database } from '../../stores/db/Database.js';
import { createSignInStore } from '../../stores/access/createSignInStore.js';

/** How many sign-in sessions a process remembers without asking the database (most recent kept). */
const REMEMBERED = 10_000;

export interface SignInRecorder {
  /**
   * Records `user.login` the first time any server process sees a request of this sign-in
   * session; later requests of the session (refreshed tokens included) record nothing.
   * Resolves once the record is durable.
   */
  noteSignIn(user: SessionUser, sessionKey: string, identityProvider: string): Promise<void>;
}

/**
 * Sign-ins, as the server sees them, for any OpenID Connect provider: the session is remembered in
 * the database (`sign_in_sessions`) in the transaction that records the login, so restarts and
 * several processes on one database record each sign-in once.
 */
export function createSignInRecorder(deps: { database: Database; audit: Pick<AuditRecorder, 'record'>; now?: () => Date }): SignInRecorder {
  const now = deps.now ?? (() => new Date());
  const known = new Set<string>();
  const pending = new Map<string, Promise<void>>();
  const remember = (key: string) => {
    known.add(key);
    if (known.size > REMEMBERED) known.delete(known.values().next().value!);
  };
  const record = async (user: SessionUser, key: string, identityProvider: string) => {
    await deps.database.transaction(async tx => {
      if (!(await createSignInStore(tx).remember(key, user.id, now().toISOString()))) return;
      await deps.audit.record(
        [{ kind: 'user.login', actor: toAuditActor(user), detail: { outcome: 'success', identityProvider, signInSession: key } }],
        { tx },
      );
    });
    remember(key);
  };
  return {
    noteSignIn(user, key, identityProvider) {
      if (known.has(key)) return Promise.resolve();
      let running = pending.get(key);
      if (!running) {
        running = record(user, key, identityProvider).finally(() => pending.delete(key));
        pending.set(key, running);
      }
      return running;
    },
  };
}
