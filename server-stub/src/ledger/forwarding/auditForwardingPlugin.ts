import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ConfigError } from '../../config.js';
import type { AtnaForwardingSettings } from '../auditConfig.js';
import type { AuditSource } from '../renderings/AuditSource.js';
import { createAuditForwarder, type AuditForwarder, type AuditForwarderOptions } from './createAuditForwarder.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The ATNA forwarder, when AUDIT_FORWARD_URL is set. */
    auditForwarder: AuditForwarder | undefined;
  }
}

export interface AuditForwardingPluginOptions {
  forwarding?: AtnaForwardingSettings;
  source?: AuditSource;
  /** Timings (tests make them short). */
  tuning?: Pick<AuditForwarderOptions, 'batchSize' | 'pollIntervalMs' | 'confirmAfterMs' | 'leaseMs' | 'backoff' | 'connectTimeoutMs'>;
}

/**
 * Forwards the audit ledger to the site's ATNA audit record repository (docs/audit-ledger.md,
 * "Forwarding to an ATNA repository"). Register after the audit recorder: Fastify closes in
 * reverse order, so the forwarder stops (and saves its cursor) before the database closes.
 */
export const auditForwardingPlugin = fp(
  async (app: FastifyInstance, options: AuditForwardingPluginOptions) => {
    const settings = options.forwarding;
    if (!settings) {
      app.decorate('auditForwarder', undefined);
      return;
    }
    if (settings.protocol === 'tcp') app.log.warn({ destination: `tcp://${settings.host}:${settings.port}` }, 'audit forwarding over plain TCP: the audit trail crosses the network unencrypted and the repository is not authenticated; use tls:// (RFC 5425)');
    const forwarder = createAuditForwarder({
      database: app.database,
      target: {
        protocol: settings.protocol,
        host: settings.host,
        port: settings.port,
        ca: readPem('AUDIT_FORWARD_CA_FILE', settings.caFile),
        cert: readPem('AUDIT_FORWARD_CERT_FILE', settings.certFile),
        key: readPem('AUDIT_FORWARD_KEY_FILE', settings.keyFile),
      },
      header: { hostname: settings.hostname, appName: settings.appName },
      source: options.source ?? { sourceId: settings.hostname },
      log: app.log,
      ...options.tuning,
    });
    app.decorate('auditForwarder', forwarder);
    app.addHook('onReady', async () => forwarder.start());
    app.addHook('onClose', () => forwarder.stop());
  },
  { name: 'audit-forwarding', dependencies: ['audit-recorder'] },
);

function readPem(name: string, file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
