import type { FastifyInstance } from 'fastify';

/** The parts of an audit ledger entry identity and access write (see ledger/AuditRecorder.ts). */
export interface SecurityEvent {
  kind: 'access.denied' | 'security.break-glass' | 'user.login' | 'user.logout';
  actor: { userId: string; role?: string };
  subject?: { StudyInstanceUID?: string; SeriesInstanceUID?: string; SOPInstanceUIDs?: string[] };
  detail: Record<string, string | number | boolean | string[]>;
}

interface AuditSink {
  enqueue(entries: readonly SecurityEvent[]): void;
  record(entries: readonly SecurityEvent[]): Promise<void>;
}

const warned = new WeakSet<FastifyInstance>();

function sinkOf(app: FastifyInstance): AuditSink | undefined {
  return (app as unknown as { auditRecorder?: AuditSink }).auditRecorder;
}

/**
 * Queues a security event for the audit ledger without waiting (denied requests are a hot path
 * an attacker controls). Records carry ids, UIDs, roles and fixed reasons only, never PHI.
 * Until the ledger is part of the app, the event goes to the log so it is not silently lost.
 */
export function recordSecurityEvent(app: FastifyInstance, event: SecurityEvent): void {
  const sink = sinkOf(app);
  if (sink) return sink.enqueue([event]);
  if (!warned.has(app)) {
    warned.add(app);
    app.log.warn('No audit recorder registered: security events are only logged');
  }
  app.log.warn({ securityEvent: { kind: event.kind, actor: event.actor.userId, reason: event.detail.reason } }, 'security event');
}

/** Records a security event and waits until it is durable (break-glass: no access before its record). */
export async function recordSecurityEventDurably(app: FastifyInstance, event: SecurityEvent): Promise<void> {
  const sink = sinkOf(app);
  if (sink) return sink.record([event]);
  recordSecurityEvent(app, event);
}
