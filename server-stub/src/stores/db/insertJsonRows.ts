import type { SqlExecutor, SqlValue } from './Database.js';

/**
 * PostgreSQL only: inserts any number of rows with one statement and one round trip. The rows go
 * as one JSON parameter that `json_populate_recordset` turns into rows of the table's own type,
 * so every value is converted by its column's type (bytes as `\x…` hex for BYTEA). The SQL text
 * is the same for any row count, so it is parsed and planned once per connection. `suffix` follows
 * the SELECT (e.g. `ON CONFLICT … DO NOTHING RETURNING …`).
 */
export async function insertJsonRows<T = unknown>(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  suffix = '',
): Promise<T[]> {
  if (rows.length === 0) return [];
  const sql = insertSql(table, columns, suffix);
  const json = toJson(columns, rows);
  if (/\bRETURNING\b/i.test(suffix)) return db.query<T>(sql, [json]);
  await db.run(sql, [json]);
  return [];
}

/**
 * PostgreSQL only: inserts into several tables with one statement, each table's rows one JSON
 * parameter: the inserts before the last go in data-modifying WITH clauses (each runs once, in
 * full, whatever the outer statement reads). They share one snapshot, so an insert cannot see or
 * conflict with another's rows of this statement: use it for different tables. Empty ones are left
 * out; the SQL text is one per set of non-empty tables, so it is prepared once per connection.
 */
export async function insertJsonRowsTogether(db: SqlExecutor, inserts: ReadonlyArray<{ table: string; columns: readonly string[]; rows: readonly (readonly SqlValue[])[]; suffix?: string }>): Promise<void> {
  const parts = inserts.filter(insert => insert.rows.length > 0);
  if (parts.length === 0) return;
  const statements = parts.map(part => insertSql(part.table, part.columns, part.suffix ?? ''));
  const last = statements.pop()!;
  const sql = statements.length === 0 ? last : `WITH ${statements.map((statement, i) => `w${i} AS (${statement})`).join(', ')} ${last}`;
  await db.run(sql, parts.map(part => toJson(part.columns, part.rows)));
}

function insertSql(table: string, columns: readonly string[], suffix: string): string {
  const list = columns.join(', ');
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ?::json) ${suffix}`.trim();
}

/** The rows as the JSON parameter `json_populate_recordset` takes (bytes as `\x…` hex). */
export function toJson(columns: readonly string[], rows: readonly (readonly SqlValue[])[]): string {
  return JSON.stringify(
    rows.map(row => {
      const record: Record<string, unknown> = {};
      columns.forEach((column, i) => (record[column] = toJsonValue(row[i] ?? null)));
      return record;
    }),
  );
}

function toJsonValue(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  return value;
}
