/**
 * The audit ledger's settings, read from the environment (docs/configuration.md, "Audit ledger").
 * config.ts calls loadAuditConfig; the ledger plugin and the ATNA forwarder take the result.
 */
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../config.js';
import type { AuditLedgerSettings } from './auditRecorderPlugin.js';

export interface AtnaForwardingSettings {
  /** The audit repository's syslog-over-TLS endpoint (RFC 5425). */
  host: string;
  port: number;
  /** CA certificates (PEM) that the repository's certificate must chain to; the system's when unset. */
  caFile?: string;
  /** This node's client certificate and key (PEM), for ATNA mutual TLS node authentication. */
  certFile?: string;
  keyFile?: string;
  /** AuditSourceID and syslog HOSTNAME of this server. */
  sourceId: string;
  /** Optional AuditEnterpriseSiteID. */
  enterpriseSiteId?: string;
}

export interface AuditConfig extends AuditLedgerSettings {
  forwarding?: AtnaForwardingSettings;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv, dataDir: string, cwd = process.cwd()): AuditConfig {
  const path = (value: string) => (isAbsolute(value) ? value : resolve(cwd, value));
  return {
    signingKeyFile: env.AUDIT_SIGNING_KEY_FILE ? path(env.AUDIT_SIGNING_KEY_FILE) : join(dataDir, 'keys', 'audit-ledger.key'),
    // Only the default location is filled in on first start; a configured path must hold the key.
    generateKey: !env.AUDIT_SIGNING_KEY_FILE,
    keyName: env.AUDIT_LEDGER_ORIGIN || undefined,
    checkpointIntervalMs: 1000 * parseCount('AUDIT_CHECKPOINT_INTERVAL_SECONDS', env.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? '60'),
    checkpointEveryRecords: parseCount('AUDIT_CHECKPOINT_EVERY_RECORDS', env.AUDIT_CHECKPOINT_EVERY_RECORDS ?? '10000'),
    checkpointCopyDir: env.AUDIT_CHECKPOINT_COPY_DIR ? path(env.AUDIT_CHECKPOINT_COPY_DIR) : undefined,
    forwarding: env.AUDIT_FORWARD_URL ? loadForwarding(env, path) : undefined,
  };
}

function loadForwarding(env: NodeJS.ProcessEnv, path: (value: string) => string): AtnaForwardingSettings {
  const url = parseTlsUrl(env.AUDIT_FORWARD_URL!);
  const certFile = env.AUDIT_FORWARD_CERT_FILE ? path(env.AUDIT_FORWARD_CERT_FILE) : undefined;
  const keyFile = env.AUDIT_FORWARD_KEY_FILE ? path(env.AUDIT_FORWARD_KEY_FILE) : undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) throw new ConfigError('AUDIT_FORWARD_CERT_FILE and AUDIT_FORWARD_KEY_FILE go together');
  return {
    ...url,
    caFile: env.AUDIT_FORWARD_CA_FILE ? path(env.AUDIT_FORWARD_CA_FILE) : undefined,
    certFile,
    keyFile,
    sourceId: env.AUDIT_SOURCE_ID || hostname() || 'readingroom',
    enterpriseSiteId: env.AUDIT_ENTERPRISE_SITE_ID || undefined,
  };
}

/** `tls://host:port` (RFC 5425 has no default port we could assume for a site: 6514 is registered). */
function parseTlsUrl(value: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`AUDIT_FORWARD_URL must be tls://host:port, got "${value}"`);
  }
  if (url.protocol !== 'tls:' || !url.hostname) throw new ConfigError(`AUDIT_FORWARD_URL must be tls://host:port (syslog over TLS, RFC 5425), got "${value}"`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 6514 };
}

function parseCount(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}
