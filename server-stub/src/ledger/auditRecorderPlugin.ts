import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditRecorder } from './AuditRecorder.js';
import { createAuditRecorder } from './createAuditRecorder.js';
import { LedgerAppender } from './store/LedgerAppender.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Appends to the audit ledger; see ledger/AuditRecorder.ts. */
    auditRecorder: AuditRecorder;
  }
}

export interface AuditRecorderPluginOptions {
  /** How long background entries (enqueue) wait to be written together, in ms. */
  flushDelayMs?: number;
}

/**
 * `app.auditRecorder` for the whole server, on the server's database. Register it after the
 * stores plugin and before anything that records; on close it writes what is still queued
 * (before the database closes: Fastify runs onClose hooks in reverse order of registration).
 */
export const auditRecorderPlugin = fp(
  async (app: FastifyInstance, options: AuditRecorderPluginOptions) => {
    const recorder = createAuditRecorder({
      database: app.database,
      appender: new LedgerAppender(),
      log: app.log,
      flushDelayMs: options.flushDelayMs,
    });
    app.decorate('auditRecorder', recorder);
    app.addHook('onClose', () => recorder.close());
  },
  { name: 'audit-recorder', dependencies: ['stores'] },
);
