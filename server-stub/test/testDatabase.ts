import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, Dialect } from '../src/stores/db/Database.js';
import { openDatabase } from '../src/stores/db/openDatabase.js';
import { migrations } from '../src/stores/migrations/migrations.js';
import { runMigrations } from '../src/stores/migrations/runMigrations.js';

/**
 * Which backend the server tests run on: SQLite unless READINGROOM_TEST_DATABASE=postgres
 * (the jest project "server-postgres" sets it). PostgreSQL is reached at TEST_POSTGRES_URL.
 */
export const testDialect: Dialect = process.env.READINGROOM_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const SCHEMA_PREFIX = 'rr_test_';

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
  url.searchParams.set('options', `-c search_path=${schema}`);
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

/** Drops test schemas older than `maxAgeMs` (left by runs that were killed). */
export async function dropStaleTestSchemas(maxAgeMs = 6 * 3600_000): Promise<void> {
  await withAdminClient(async client => {
    const { rows } = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1', [`${SCHEMA_PREFIX}%`]);
    for (const { name } of rows) {
      const created = parseInt(name.slice(SCHEMA_PREFIX.length).split('_')[0]!, 36);
      if (Number.isFinite(created) && Date.now() - created > maxAgeMs) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    }
  });
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
