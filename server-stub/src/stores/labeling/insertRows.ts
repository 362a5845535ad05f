import type { SqlExecutor, SqlValue } from '../db/Database.js';
import { insertJsonRows } from '../db/insertJsonRows.js';

/** Row counts a multi-row statement is prepared for (powers of two): few SQL texts, few round trips. */
const CHUNKS = [64, 32, 16, 8, 4, 2, 1] as const;

/**
 * Inserts rows with as few statements as possible: chunks of 64 rows, then the rest by its binary
 * digits (50 rows: 32 + 16 + 2), so each backend caches at most seven statement texts per table
 * (SQLite, where a statement is a function call); on PostgreSQL, where each is a round trip, one
 * statement for all rows (insertJsonRows).
 * `suffix` follows VALUES (e.g. `ON CONFLICT … DO NOTHING RETURNING event_id`); the returned
 * rows of every chunk are concatenated.
 */
export async function insertRows<T = unknown>(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  suffix = '',
): Promise<T[]> {
  // PostgreSQL: one statement, one round trip, whatever the row count.
  if (db.dialect === 'postgres') return insertJsonRows<T>(db, table, columns, rows, suffix);
  const returned: T[] = [];
  let at = 0;
  while (at < rows.length) {
    const size = CHUNKS.find(n => n <= rows.length - at)!;
    const sql = insertSql(table, columns, size, suffix);
    const params: SqlValue[] = [];
    for (let i = at; i < at + size; i++) for (const value of rows[i]!) params.push(value);
    if (suffix.includes('RETURNING')) returned.push(...(await db.query<T>(sql, params)));
    else await db.run(sql, params);
    at += size;
  }
  return returned;
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

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Runs `SELECT … IN (list)` with the list padded (by repeating its last value, harmless in IN) to
 * a power of two, so a statement text is prepared once per size class rather than once per length.
 * `build` gets the placeholder list; `before` are the parameters that precede it.
 */
export async function queryIn<T>(db: SqlExecutor, values: readonly SqlValue[], build: (list: string) => string, before: readonly SqlValue[] = []): Promise<T[]> {
  if (values.length === 0) return [];
  const rows: T[] = [];
  for (let at = 0; at < values.length; at += 512) {
    const part = values.slice(at, at + 512);
    const size = 2 ** Math.ceil(Math.log2(part.length));
    const padded = [...part, ...Array.from({ length: size - part.length }, () => part[part.length - 1]!)];
    rows.push(...(await db.query<T>(build(placeholders(size)), [...before, ...padded])));
  }
  return rows;
}
