import { ConfigError } from '../../configError.js';
import type { Database } from './Database.js';
import type { PostgresOptions } from './openPostgresDatabase.js';
import type { SqliteOptions } from './openSqliteDatabase.js';

export type DatabaseOptions = PostgresOptions & SqliteOptions;

/**
 * Opens the database DATABASE_URL names: `postgres://` or `postgresql://` → PostgreSQL;
 * a file path, `sqlite:<path>`, `sqlite://<path>` or `:memory:` → SQLite. Anything else is a ConfigError.
 */
export async function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(databaseUrl);
  // Only the driver in use is loaded: CLI commands start sooner.
  if (target.dialect === 'postgres') return (await import('./openPostgresDatabase.js')).openPostgresDatabase(target.url, options);
  return (await import('./openSqliteDatabase.js')).openSqliteDatabase(target.path, options);
}

export type DatabaseTarget = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; path: string };

export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const value = databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', url: value };
  const sqlite = /^sqlite:(\/\/)?(.*)$/i.exec(value);
  const path = sqlite ? sqlite[2]! : value;
  if (path === '') throw new ConfigError('DATABASE_URL is empty: give a SQLite file path or a postgres:// URL.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(path);
  // A one-letter "scheme" is a Windows drive (C:\data\…).
  if (scheme && scheme[1]!.length > 1) {
    throw new ConfigError(`DATABASE_URL scheme "${scheme[1]}:" is not supported: use a SQLite file path (or sqlite:<path>) or postgres://…`);
  }
  return { dialect: 'sqlite', path };
}
