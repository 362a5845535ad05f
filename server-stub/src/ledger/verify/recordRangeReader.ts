/**
 * Reading one seq range of the ledger for `readingroom audit verify`, page by page (keyset: no
 * OFFSET, bounded memory). Either through the server's Database (the calling thread's
 * connection), or on a read-only connection of its own (a worker thread), which reads rows as
 * arrays on SQLite (better-sqlite3 builds a keyed object per row about twice as slowly, and the
 * verifier reads every record of the ledger) and as binary COPY output on PostgreSQL, parsed
 * here (binaryCopyRows.ts) into the same records node-postgres would return. On
 * PostgreSQL an own connection reads in the snapshot the main connection exported, so every
 * reader sees the same ledger.
 */
import type { CanonicalLedgerRecord } from '../core/ledgerRecord.js';
import type { SqlExecutor } from '../../stores/db/Database.js';
import { parseDatabaseUrl } from '../../stores/db/openDatabase.js';
import { readRecordPage } from '../store/readLedgerRecords.js';
import { copyOutOf } from './copyOutOf.js';
import { withoutCloudflareProbe } from './withoutCloudflareProbe.js';
import { indexBinaryCopyRows } from './binaryCopyRows.js';
import { copyRowsPage, recordArrayPage, type RecordPage } from './recordPage.js';

export interface RecordRangeReader {
  /** Up to `limit` records with afterSeq < seq (≤ untilSeq when given), in seq order. */
  readPage(afterSeq: number, untilSeq: number | undefined, limit: number): Promise<RecordPage>;
  /** Reading runs on this thread, blocking it (better-sqlite3): nothing gained by reading a page early. */
  blocking: boolean;
  close(): Promise<void>;
}

type RecordTuple = [seq: number | string, canonicalContent: string, leafHash: string, chainHash: string];
const toRecord = (row: RecordTuple): CanonicalLedgerRecord => ({ seq: Number(row[0]), canonicalContent: row[1], leafHash: row[2], chainHash: row[3] });

/** Reads through `db` (on this thread). */
export function createDatabaseRangeReader(db: SqlExecutor): RecordRangeReader {
  return {
    readPage: async (afterSeq, untilSeq, limit) => recordArrayPage(cutAt(await readRecordPage(db, afterSeq, limit), untilSeq)),
    // As before for both dialects: it is used for `:memory:`, for reading on after a misfit, and in tests.
    blocking: false,
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
      return recordArrayPage(cutAt((page.all(afterSeq, limit) as RecordTuple[]).map(toRecord), untilSeq));
    },
    blocking: true,
    async close() {
      connection.close();
    },
  };
}

async function openPostgresReader(url: string, snapshot: string | undefined): Promise<RecordRangeReader> {
  const { default: pg } = await withoutCloudflareProbe(() => import('pg'));
  const client = new pg.Client({ connectionString: url, application_name: 'readingroom-audit-verify' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (snapshot !== undefined) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  // The page's rows in PostgreSQL's binary COPY format, checked in those bytes (recordPage.ts):
  // node-postgres's row parsing (a message, an array and a string per field, for every row) cost
  // more than the hashing. A page's buffer is reused once the page is released (two at a time
  // at most: one summarized while the next is read).
  const buffers: Buffer[] = [];
  return {
    async readPage(afterSeq, untilSeq, limit) {
      // Interpolated, as COPY takes no parameters: both are checked to be plain integers.
      if (!Number.isSafeInteger(afterSeq) || !Number.isSafeInteger(limit) || limit < 0) throw new Error(`bad page bounds: after ${afterSeq}, limit ${limit}`);
      const sql = `COPY (SELECT seq, canonical_content, leaf_hash, chain_hash FROM audit_ledger WHERE seq > ${afterSeq} ORDER BY seq LIMIT ${limit}) TO STDOUT (FORMAT binary)`;
      const { data, length } = await copyOutOf(client, sql, buffers.pop());
      const rows = indexBinaryCopyRows(data, length);
      // Rows come in seq order (the primary key): those up to untilSeq are a prefix.
      let count = rows.count;
      if (untilSeq !== undefined) while (count > 0 && rows.seqs[count - 1]! > untilSeq) count--;
      let released = false;
      return copyRowsPage(rows, count, () => {
        if (!released && buffers.length < 2) buffers.push(data);
        released = true;
      });
    },
    // PostgreSQL's backend reads the next page while this thread checks the last.
    blocking: false,
    async close() {
      await client.query('COMMIT').catch(() => undefined);
      await client.end();
    },
  };
}
