import type { SqlExecutor, SqlValue } from '../db/Database.js';

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
