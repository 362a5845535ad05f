/**
 * The audit ledger's settings, read from the environment (docs/configuration.md, "Audit ledger").
 * config.ts calls loadAuditConfig; the ledger plugin and the ATNA forwarder take the result.
 */
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../configError.js';
import type { AuditLedgerSettings } from './auditRecorderPlugin.js';
import type { AuditSource } from './renderings/AuditSource.js';

export interface AtnaForwardingSettings {
  /**
   * `tls`: syslog over TLS (RFC 5425), the ATNA transport. `tcp`: plain TCP with the same
   * octet-counting framing (RFC 6587 §3.4.1), for sites without TLS: not recommended, the audit
   * trail then crosses the network readable and unauthenticated.
   */
  protocol: 'tls' | 'tcp';
  /** The audit record repository's syslog endpoint. */
  host: string;
  port: number;
  /** CA certificates (PEM) that the repository's certificate must chain to; the system's when unset. */
  caFile?: string;
  /** This node's client certificate and key (PEM), for ATNA mutual TLS node authentication. */
  certFile?: string;
  keyFile?: string;
  /** RFC 5424 APP-NAME. */
  appName: string;
  /** RFC 5424 HOSTNAME (by default the AuditSourceID). */
  hostname: string;
}

export interface AuditConfig extends AuditLedgerSettings {
  /** This server as the source of audit messages (renderings, forwarding). */
  source: AuditSource;
  forwarding?: AtnaForwardingSettings;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv, dataDir: string, cwd = process.cwd()): AuditConfig {
  const path = (value: string) => (isAbsolute(value) ? value : resolve(cwd, value));
  const source: AuditSource = { sourceId: env.AUDIT_SOURCE_ID || hostname() || 'readingroom', ...(env.AUDIT_ENTERPRISE_SITE_ID ? { enterpriseSiteId: env.AUDIT_ENTERPRISE_SITE_ID } : {}) };
  return {
    signingKeyFile: env.AUDIT_SIGNING_KEY_FILE ? path(env.AUDIT_SIGNING_KEY_FILE) : join(dataDir, 'keys', 'audit-ledger.key'),
    // Only the default location is filled in on first start; a configured path must hold the key.
    generateKey: !env.AUDIT_SIGNING_KEY_FILE,
    keyName: env.AUDIT_LEDGER_ORIGIN || undefined,
    checkpointIntervalMs: 1000 * parseCount('AUDIT_CHECKPOINT_INTERVAL_SECONDS', env.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? '60'),
    checkpointEveryRecords: parseCount('AUDIT_CHECKPOINT_EVERY_RECORDS', env.AUDIT_CHECKPOINT_EVERY_RECORDS ?? '10000'),
    checkpointCopyDir: env.AUDIT_CHECKPOINT_COPY_DIR ? path(env.AUDIT_CHECKPOINT_COPY_DIR) : undefined,
    source,
    forwarding: env.AUDIT_FORWARD_URL ? loadForwarding(env, path, source) : undefined,
  };
}

function loadForwarding(env: NodeJS.ProcessEnv, path: (value: string) => string, source: AuditSource): AtnaForwardingSettings {
  const url = parseSyslogUrl(env.AUDIT_FORWARD_URL!);
  const certFile = env.AUDIT_FORWARD_CERT_FILE ? path(env.AUDIT_FORWARD_CERT_FILE) : undefined;
  const keyFile = env.AUDIT_FORWARD_KEY_FILE ? path(env.AUDIT_FORWARD_KEY_FILE) : undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) throw new ConfigError('AUDIT_FORWARD_CERT_FILE and AUDIT_FORWARD_KEY_FILE go together');
  return {
    ...url,
    caFile: env.AUDIT_FORWARD_CA_FILE ? path(env.AUDIT_FORWARD_CA_FILE) : undefined,
    certFile,
    keyFile,
    appName: parseSyslogName('AUDIT_FORWARD_APP_NAME', env.AUDIT_FORWARD_APP_NAME || 'readingroom', 48),
    hostname: parseSyslogName('AUDIT_FORWARD_HOSTNAME', env.AUDIT_FORWARD_HOSTNAME || source.sourceId, 255),
  };
}

/** `tls://host:port` (6514 when the port is left out, the port registered for RFC 5425), or `tcp://host:port` (no default). */
function parseSyslogUrl(value: string): Pick<AtnaForwardingSettings, 'protocol' | 'host' | 'port'> {
  const expected = `AUDIT_FORWARD_URL must be tls://host:port (syslog over TLS, RFC 5425) or tcp://host:port (not recommended), got "${value}"`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(expected);
  }
  const protocol = url.protocol === 'tls:' ? 'tls' : url.protocol === 'tcp:' ? 'tcp' : undefined;
  if (!protocol || !url.hostname || (protocol === 'tcp' && !url.port)) throw new ConfigError(expected);
  return { protocol, host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 6514 };
}

/** RFC 5424 HOSTNAME and APP-NAME: printable US-ASCII without spaces, bounded length. */
function parseSyslogName(name: string, value: string, maxLength: number): string {
  const cleaned = value.replace(/[^\x21-\x7e]/g, '_').slice(0, maxLength);
  if (!cleaned) throw new ConfigError(`${name} must not be empty`);
  return cleaned;
}

function parseCount(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}
