import type { AuditActor } from '../AuditRecorder.js';

/** The ledger's actor for an authenticated user: id, roles (space-separated) and the client it came through. */
export function toAuditActor(user: { id: string; roles: readonly string[] }, clientId?: string): AuditActor {
  const actor: AuditActor = { userId: user.id };
  if (user.roles.length > 0) actor.role = user.roles.join(' ');
  if (clientId) actor.clientId = clientId.slice(0, 256);
  return actor;
}
