/**
 * Reading one seq range of the ledger for `readingroom audit verify`, page by page (keyset: no
 * OFFSET, bounded memory). Either through the server's Database (the calling thread's
 * connection), or on a read-only connection of its own (a worker thread), which reads rows as
 * arrays: better-sqlite3 and node-postgres build a keyed object per row about twice as slowly,
 * and the verifier reads every record of the ledger. On PostgreSQL an own connection reads in
 * the snapshot the main connection exported, so every reader sees the same ledger.
 */
import type { CanonicalLedgerRecord } from '../core/ledgerRecord.js';
import type { SqlExecutor } from '../../stores/db/Database.js';
import { parseDatabaseUrl } from '../../stores/db/openDatabase.js';
import { readRecordPage } from '../store/readLedgerRecords.js';

export interface RecordRangeReader {
  /** Up to `limit` records with afterSeq < seq (≤ untilSeq when given), in seq order. */
  readPage(afterSeq: number, untilSeq: number | undefined, limit: number): Promise<CanonicalLedgerRecord[]>;
  close(): Promise<void>;
}

type RecordTuple = [seq: number | string, canonicalContent: string, leafHash: string, chainHash: string];
const toRecord = (row: RecordTuple): CanonicalLedgerRecord => ({ seq: Number(row[0]), canonicalContent: row[1], leafHash: row[2], chainHash: row[3] });

/** Reads through `db` (on this thread). */
export function createDatabaseRangeReader(db: SqlExecutor): RecordRangeReader {
  return {
    readPage: async (afterSeq, untilSeq, limit) => cutAt(await readRecordPage(db, afterSeq, limit), untilSeq),
    close: async () => undefined,
  };
}

/**
 * The records up to untilSeq. Queries have no upper bound: with one, PostgreSQL tends to sort the
 * whole rest of the range for every page (a bitmap scan and a sort, on row estimates it gets
 * wrong) instead of walking the primary key; a page crossing the bound is cut here instead.
 */
function cutAt(records: CanonicalLedgerRecord[], untilSeq: number | undefined): CanonicalLedgerRecord[] {
  if (untilSeq === undefined || records.length === 0 || records[records.length - 1]!.seq <= untilSeq) return records;
  return records.filter(record => record.seq <= untilSeq);
}

/**
 * A read-only connection of its own to DATABASE_URL. `snapshot`: a PostgreSQL snapshot
 * (pg_export_snapshot()) to read in; its exporting transaction must stay open meanwhile.
 */
export async function openOwnRangeReader(databaseUrl: string, snapshot?: string): Promise<RecordRangeReader> {
  const target = parseDatabaseUrl(databaseUrl);
  return target.dialect === 'postgres' ? openPostgresReader(target.url, snapshot) : openSqliteReader(target.path);
}

async function openSqliteReader(path: string): Promise<RecordRangeReader> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const connection = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  // One read transaction: the range is read from one state of the file, however many pages.
  connection.exec('BEGIN');
  const page = connection.prepare('SELECT seq, canonical_content, leaf_hash, chain_hash FROM audit_ledger WHERE seq > ? ORDER BY seq LIMIT ?').raw(true);
  return {
    async readPage(afterSeq, untilSeq, limit) {
      return cutAt((page.all(afterSeq, limit) as RecordTuple[]).map(toRecord), untilSeq);
    },
    async close() {
      connection.close();
    },
  };
}

async function openPostgresReader(url: string, snapshot: string | undefined): Promise<RecordRangeReader> {
  const { default: pg } = await import('pg');
  // BIGINT seqs as numbers (ledger positions stay far below 2^53).
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) };
  const client = new pg.Client({ connectionString: url, application_name: 'readingroom-audit-verify', types });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (snapshot !== undefined) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  const query = { name: 'audit-verify-page', text: 'SELECT seq, canonical_content, leaf_hash, chain_hash FROM audit_ledger WHERE seq > $1 ORDER BY seq LIMIT $2', rowMode: 'array' as const };
  return {
    async readPage(afterSeq, untilSeq, limit) {
      return cutAt((await client.query<RecordTuple>({ ...query, values: [afterSeq, limit] })).rows.map(toRecord), untilSeq);
    },
    async close() {
      await client.query('COMMIT').catch(() => undefined);
      await client.end();
    },
  };
}
