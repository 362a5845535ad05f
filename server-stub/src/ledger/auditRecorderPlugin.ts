import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditRecorder } from './AuditRecorder.js';
import { createCheckpointer, type Checkpointer } from './checkpoints/createCheckpointer.js';
import { loadSigningKey, type LedgerKey } from './checkpoints/loadSigningKey.js';
import { createAuditRecorder } from './createAuditRecorder.js';
import { formatVerifierKey, generateNoteKeyPair, parseSignerKey } from './core/index.js';
import { LedgerAppender } from './store/LedgerAppender.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Appends to the audit ledger; see ledger/AuditRecorder.ts. */
    auditRecorder: AuditRecorder;
    /** The ledger's key (public part and origin) and checkpointer, for the audit API. */
    auditLedger: { key: Pick<LedgerKey, 'origin' | 'verifierKey'>; checkpointer: Checkpointer };
  }
}

export interface AuditLedgerSettings {
  /** The checkpoint signing key file (kept outside the database). */
  signingKeyFile: string;
  /** Create the key file when it does not exist (only for the default path). */
  generateKey: boolean;
  /** The key name / ledger origin (needed for a PEM key; checked against a note key). */
  keyName?: string;
  checkpointIntervalMs: number;
  checkpointEveryRecords: number;
  /** A folder outside the database that receives a copy of each checkpoint. */
  checkpointCopyDir?: string;
}

export interface AuditRecorderPluginOptions {
  /** Omitted by API-only tests: checkpoints are then signed with a throwaway key made at start. */
  ledger?: AuditLedgerSettings;
  /** How long background entries (enqueue) wait to be written together, in ms. */
  flushDelayMs?: number;
}

/**
 * `app.auditRecorder` for the whole server, on the server's database, and the checkpointer that
 * signs the ledger's tree. Register it after the stores plugin and before anything that records;
 * on close it writes what is still queued and signs a last checkpoint, before the database closes
 * (Fastify runs onClose hooks in reverse order of registration).
 */
export const auditRecorderPlugin = fp(
  async (app: FastifyInstance, options: AuditRecorderPluginOptions) => {
    const settings = options.ledger;
    const key = settings
      ? loadSigningKey({ keyFile: settings.signingKeyFile, generate: settings.generateKey, name: settings.keyName, log: app.log })
      : createThrowawayKey();
    const checkpointer = createCheckpointer({
      database: app.database,
      key,
      intervalMs: settings?.checkpointIntervalMs,
      everyRecords: settings?.checkpointEveryRecords,
      copyDir: settings?.checkpointCopyDir,
      log: app.log,
    });
    const recorder = createAuditRecorder({
      database: app.database,
      appender: new LedgerAppender(),
      log: app.log,
      flushDelayMs: options.flushDelayMs,
      onAppended: result => checkpointer.noteSize(result.size),
    });
    app.decorate('auditRecorder', recorder);
    app.decorate('auditLedger', { key: { origin: key.origin, verifierKey: key.verifierKey }, checkpointer });
    app.addHook('onReady', () => checkpointer.start());
    app.addHook('onClose', async () => {
      await recorder.close();
      await checkpointer.stop();
      await checkpointer.checkpointNow().catch(error => app.log.error({ err: error }, 'could not sign a last audit checkpoint at shutdown'));
    });
  },
  { name: 'audit-recorder', dependencies: ['stores'] },
);

function createThrowawayKey(): LedgerKey {
  const signer = parseSignerKey(generateNoteKeyPair('test.invalid/readingroom-audit').signerKey);
  return { signer, verifierKey: formatVerifierKey(signer), origin: signer.name };
}
