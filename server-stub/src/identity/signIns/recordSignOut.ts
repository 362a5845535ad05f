import type { SessionUser } from '@readingroom/platform-shim';
import type { AuditRecorder } from '../../ledger/AuditRecorder.js';
import { toAuditActor } from '../../ledger/entries/toAuditActor.js';

/**
 * Records that the user signs out (`user.logout`), as the viewer reports it: the actor is the
 * token's user, and the sign-in it ends is named by its hashed session key when the token has one.
 */
export async function recordSignOut(audit: Pick<AuditRecorder, 'record'>, user: SessionUser, signIn: { sessionKey: string; issuer: string } | undefined): Promise<void> {
  await audit.record([
    {
      kind: 'user.logout',
      actor: toAuditActor(user),
      detail: { outcome: 'success', reportedBy: 'client', ...(signIn ? { identityProvider: signIn.issuer, signInSession: signIn.sessionKey } : {}) },
    },
  ]);
}
