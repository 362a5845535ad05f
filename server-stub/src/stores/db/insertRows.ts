import type { SqlExecutor, SqlValue } from './Database.js';
import { insertJsonRows, insertJsonRowsTogether } from './insertJsonRows.js';

/**
 * Inserts rows with as few statements as possible. On SQLite (a statement is a function call)
 * in chunks of a power of two: `maxRowsPerStatement` rows, then the rest by its binary digits
 * (50 rows with 64: 32 + 16 + 2), so a table has few statement texts to cache. On PostgreSQL
 * (each statement is a round trip) one statement for all rows (insertJsonRows).
 * `suffix` follows VALUES (e.g. `ON CONFLICT … DO NOTHING RETURNING event_id`); the returned
 * rows of every chunk are concatenated.
 */
export async function insertRows<T = unknown>(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  suffix = '',
  options: { maxRowsPerStatement?: number } = {},
): Promise<T[]> {
  if (db.dialect === 'postgres') return insertJsonRows<T>(db, table, columns, rows, suffix);
  const largest = 2 ** Math.floor(Math.log2(Math.max(1, options.maxRowsPerStatement ?? 64)));
  const returned: T[] = [];
  let at = 0;
  while (at < rows.length) {
    let size = largest;
    while (size > rows.length - at) size /= 2;
    const sql = insertSql(table, columns, size, suffix);
    const params: SqlValue[] = [];
    for (let i = at; i < at + size; i++) for (const value of rows[i]!) params.push(value);
    if (/\bRETURNING\b/i.test(suffix)) returned.push(...(await db.query<T>(sql, params)));
    else await db.run(sql, params);
    at += size;
  }
  return returned;
}

/** Rows for one table, as insertRows takes them. */
export interface RowsInsert {
  table: string;
  columns: readonly string[];
  rows: readonly (readonly SqlValue[])[];
  /** Follows VALUES (ON CONFLICT …); no RETURNING. */
  suffix?: string;
}

/**
 * Inserts into several tables, in order: on PostgreSQL in one statement (one round trip, see
 * insertJsonRowsTogether), on SQLite table by table as insertRows does.
 */
export async function insertRowsTogether(db: SqlExecutor, inserts: readonly RowsInsert[], options: { maxRowsPerStatement?: number } = {}): Promise<void> {
  if (db.dialect === 'postgres') return insertJsonRowsTogether(db, inserts);
  for (const insert of inserts) await insertRows(db, insert.table, insert.columns, insert.rows, insert.suffix, options);
}

const sqlCache = new Map<string, string>();

function insertSql(table: string, columns: readonly string[], rowCount: number, suffix: string): string {
  const key = `${table}|${columns.join(',')}|${rowCount}|${suffix}`;
  let sql = sqlCache.get(key);
  if (!sql) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rowCount }, () => row).join(', ')} ${suffix}`.trim();
    sqlCache.set(key, sql);
  }
  return sql;
}
