import pg from 'pg';

// Imported by jest's globalSetup too, where imports are not mapped: keep this file free of imports of our own.

export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every test schema's name starts so, then the creation time (base 36 ms) and a random part. */
export const SCHEMA_PREFIX = 'rr_test_';

/** Drops test schemas older than `maxAgeMs` (left by runs that were killed; a test file never takes an hour). */
export async function dropStaleTestSchemas(maxAgeMs = 3600_000): Promise<void> {
  await withAdminClient(async client => {
    const { rows } = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1', [`${SCHEMA_PREFIX}%`]);
    for (const { name } of rows) {
      const created = parseInt(name.slice(SCHEMA_PREFIX.length).split('_')[0]!, 36);
      if (Number.isFinite(created) && Date.now() - created > maxAgeMs) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    }
  });
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl, options: '-c synchronous_commit=off' });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${testPostgresUrl} (${(error as Error).message}); \`bash .ci/setup\` starts it, TEST_POSTGRES_URL names another`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
