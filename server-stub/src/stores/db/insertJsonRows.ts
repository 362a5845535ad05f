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
  const records = rows.map(row => {
    const record: Record<string, unknown> = {};
    columns.forEach((column, i) => (record[column] = toJsonValue(row[i] ?? null)));
    return record;
  });
  const list = columns.join(', ');
  const sql = `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ?::json) ${suffix}`.trim();
  const json = JSON.stringify(records);
  if (/\bRETURNING\b/i.test(suffix)) return db.query<T>(sql, [json]);
  await db.run(sql, [json]);
  return [];
}

function toJsonValue(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  return value;
}
