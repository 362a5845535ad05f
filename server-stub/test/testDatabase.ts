import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Dialect } from '../src/stores/db/Database.js';
import { openDatabase } from '../src/stores/db/openDatabase.js';
import { migrations } from '../src/stores/migrations/migrations.js';
import { runMigrations } from '../src/stores/migrations/runMigrations.js';
import { SCHEMA_PREFIX, testPostgresUrl, withAdminClient } from './postgresTestSchemas.js';

export { testPostgresUrl };

/**
 * Which backend the server tests run on: PostgreSQL in the jest project "server-postgres" (its
 * globals say so) or when READINGROOM_TEST_DATABASE=postgres, SQLite otherwise.
 * PostgreSQL is reached at TEST_POSTGRES_URL.
 */
export const testDialect: Dialect =
  ((globalThis as { READINGROOM_TEST_DATABASE?: string }).READINGROOM_TEST_DATABASE ?? process.env.READINGROOM_TEST_DATABASE) === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabaseUrl {
  /** A DATABASE_URL for an empty database of its own. */
  url: string;
  /** Removes it (the SQLite directory or the PostgreSQL schema). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test app or store: a SQLite file in a new temporary directory,
 * or a new PostgreSQL schema (random name) that the URL selects through `search_path`, so test
 * files run in parallel on one PostgreSQL and nothing leaks between them.
 */
export async function createTestDatabaseUrl(dialect: Dialect = testDialect): Promise<TestDatabaseUrl> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'readingroom-db-'));
    return { url: join(dir, 'test.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // The time in the name lets a later run remove schemas that a killed run left behind.
  const schema = `${SCHEMA_PREFIX}${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(client => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(testPostgresUrl);
  // Test data need not survive a crash of PostgreSQL: commits do not wait for the disk.
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return {
    url: url.toString(),
    drop: () => withAdminClient(client => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

/** A migrated database of its own on the test backend, for store tests. */
export async function openTestDatabase(dialect: Dialect = testDialect): Promise<{ db: Database; url: string; close(): Promise<void> }> {
  const target = await createTestDatabaseUrl(dialect);
  const db = await openDatabase(target.url, { poolMax: 4 });
  await runMigrations(db, migrations);
  return {
    db,
    url: target.url,
    async close() {
      await db.close();
      await target.drop();
    },
  };
}
