import pg from 'pg';
import { advisoryLockKey } from '../../src/stores/db/advisoryLockKey.js';
import { LEDGER_LOCK } from '../../src/ledger/store/LedgerAppender.js';

/**
 * Takes the ledger's advisory lock on PostgreSQL as a server process would (the key of the lock
 * named LEDGER_LOCK in the URL's schema), so a server's ingest transaction stops right before its
 * ledger append, with everything else of the batch written.
 */
export async function holdLedgerLock(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const schema = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
  const key = advisoryLockKey(`${schema}\u0000${LEDGER_LOCK}`);
  await client.query('SELECT pg_advisory_lock($1::bigint)', [key.toString()]);
  return {
    /** Resolves once another session waits for the lock (rejects after 30 s). */
    async waitForWaiter(): Promise<void> {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const { rows } = await client.query<{ classid: string; objid: string }>("SELECT classid::text, objid::text FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND NOT granted");
        if (rows.some(row => BigInt.asIntN(64, (BigInt(row.classid) << 32n) | BigInt(row.objid)) === key)) return;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      throw new Error('no session waited for the ledger lock within 30 s');
    },
    async release(): Promise<void> {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]);
      await client.end();
    },
  };
}
