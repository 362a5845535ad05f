// A PostgreSQL schema of its own for one benchmark run, at BENCH_POSTGRES_URL (default: the test
// database), dropped afterwards; or why PostgreSQL rows are skipped when it is not reachable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `{ url, asyncUrl, fresh, drop }`, or `{ skipped }` with the reason PostgreSQL cannot be used. */
export async function createBenchPostgresSchema() {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    const skipped = `PostgreSQL not reachable at ${POSTGRES_URL} (${error.message})`;
    console.warn(`${skipped}: PostgreSQL rows skipped`);
    return { skipped };
  }
  const schema = `rr_bench_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const withOptions = options => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', options);
    return url.toString();
  };
  return {
    url: withOptions(`-c search_path=${schema}`),
    // The same database with commits that do not wait for the WAL flush: a site's choice, measured for notes only.
    asyncUrl: withOptions(`-c search_path=${schema} -c synchronous_commit=off`),
    fresh: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.query(`CREATE SCHEMA ${schema}`);
    },
    drop: async () => (await admin.query(`DROP SCHEMA ${schema} CASCADE`), await admin.end()),
  };
}
