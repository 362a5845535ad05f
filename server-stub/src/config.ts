import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OHIF_VERSION } from '@readingroom/platform-shim';
import { ConfigError } from './configError.js';
import { resolveDatabaseUrl, resolveDataDir } from './dataPaths.js';
import { loadIdentityConfig, type IdentityConfig } from './identity/identityConfig.js';
import { loadAuditConfig, type AuditConfig } from './ledger/auditConfig.js';
import { POSTGRES_DEFAULTS } from './stores/db/openPostgresDatabase.js';

/** Everything the server reads from its environment, typed once. Documented in docs/configuration.md. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL connections per server process. */
  databasePoolMax: number;
  /** PostgreSQL statement timeout in ms (0: none). */
  databaseStatementTimeoutMs: number;
  dicomStorageDir: string;
  pluginsDir: string;
  ohifVersion: string;
  /** A site's own OHIF dist; when unset the pinned stock dist is fetched into the cache. */
  ohifDistDir: string | undefined;
  cacheDir: string;
  seedDemo: boolean;
  demoSeed: number;
  logLevel: string;
  /** Who requests come from: OIDC access tokens (`demo` provider or the site's `oidc`), or `development` (loopback only). */
  identity: IdentityConfig;
  /** How long an auditor's break-glass access to a study lasts, in minutes. */
  breakGlassMinutes: number;
  /** The site's PACS DICOMweb root: exports are also sent there (STOW-RS), imports may read from it. */
  pacsDicomwebUrl: string | undefined;
  /** Authorization header value for the PACS (e.g. "Bearer …"); never logged. */
  pacsAuthorization: string | undefined;
  /** The audit ledger: checkpoint signing key, checkpoint interval, ATNA forwarding. */
  audit: AuditConfig;
}

export { ConfigError };

/** The repository root when running from a checkout (server-stub/dist or server-stub/src). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const dataDir = resolveDataDir(env, cwd);
  return {
    port: parsePort(env.PORT ?? '3000'),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: resolveDatabaseUrl(env, dataDir),
    databasePoolMax: parsePositive('DATABASE_POOL_MAX', env.DATABASE_POOL_MAX ?? String(POSTGRES_DEFAULTS.poolMax)),
    databaseStatementTimeoutMs: parseInteger('DATABASE_STATEMENT_TIMEOUT_MS', env.DATABASE_STATEMENT_TIMEOUT_MS ?? String(POSTGRES_DEFAULTS.statementTimeoutMs)),
    dicomStorageDir: absolute(env.DICOM_STORAGE_DIR ?? join(dataDir, 'dicom'), cwd),
    pluginsDir: absolute(env.PLUGINS_DIR ?? join(repositoryRoot, 'build', 'plugins'), cwd),
    ohifVersion: env.OHIF_VERSION ?? DEFAULT_OHIF_VERSION,
    ohifDistDir: env.OHIF_DIST_DIR ? absolute(env.OHIF_DIST_DIR, cwd) : undefined,
    cacheDir: absolute(env.READINGROOM_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'readingroom'), cwd),
    seedDemo: parseBoolean('SEED_DEMO', env.SEED_DEMO ?? 'true'),
    demoSeed: parseInteger('DEMO_SEED', env.DEMO_SEED ?? '20261128'),
    logLevel: env.LOG_LEVEL ?? 'info',
    identity: loadIdentityConfig(env),
    breakGlassMinutes: parsePositive('BREAK_GLASS_MINUTES', env.BREAK_GLASS_MINUTES ?? '60'),
    pacsDicomwebUrl: env.PACS_DICOMWEB_URL ? parseHttpUrl('PACS_DICOMWEB_URL', env.PACS_DICOMWEB_URL) : undefined,
    pacsAuthorization: env.PACS_DICOMWEB_AUTHORIZATION || undefined,
    audit: loadAuditConfig(env, dataDir, cwd),
  };
}

function absolute(path: string, cwd: string) {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function parseHttpUrl(name: string, value: string) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  return url.toString().replace(/\/+$/, '');
}

function parsePort(value: string) {
  const port = parseInteger('PORT', value);
  if (port < 0 || port > 65535) throw new ConfigError(`PORT must be between 0 and 65535, got ${value}`);
  return port;
}

function parseInteger(name: string, value: string) {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function parsePositive(name: string, value: string) {
  const number = parseInteger(name, value);
  if (number < 1) throw new ConfigError(`${name} must be at least 1, got ${value}`);
  return number;
}

function parseBoolean(name: string, value: string) {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}
