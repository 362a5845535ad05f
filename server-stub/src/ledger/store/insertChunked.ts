import type { SqlExecutor, SqlValue } from '../../stores/db/Database.js';
import { insertJsonRows } from '../../stores/db/insertJsonRows.js';

/** Rows per statement, powers of two: few SQL texts to prepare, few round trips (a 500-record batch: 3 × 128 + 64 + 32 + 16 + 4, 7 statements; 40 records: 2). */
const CHUNKS = [128, 64, 32, 16, 8, 4, 2, 1] as const;

const sqlCache = new Map<string, string>();

/** Inserts `rows` (each with one value per column) with multi-row INSERT statements. */
export async function insertChunked(db: SqlExecutor, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
  // PostgreSQL: one statement, one round trip, whatever the row count.
  if (db.dialect === 'postgres') return void (await insertJsonRows(db, table, columns, rows));
  let at = 0;
  while (at < rows.length) {
    const size = CHUNKS.find(n => n <= rows.length - at)!;
    const params: SqlValue[] = [];
    for (let i = at; i < at + size; i++) params.push(...rows[i]!);
    await db.run(getInsertSql(table, columns, size), params);
    at += size;
  }
}

function getInsertSql(table: string, columns: readonly string[], rowCount: number): string {
  const key = `${table}|${columns.join(',')}|${rowCount}`;
  let sql = sqlCache.get(key);
  if (sql === undefined) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rowCount }, () => row).join(', ')}`;
    sqlCache.set(key, sql);
  }
  return sql;
}
