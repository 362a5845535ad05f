import type { Database } from '../db/Database.js';
import type { Migration } from './Migration.js';

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/**
 * Brings the schema up to date: every pending migration, in id order, in one transaction, so a
 * failed change leaves the schema as it was. Safe when several server processes start at once:
 * on PostgreSQL the transaction first takes the "migrations" advisory lock and then reads what is
 * applied; on SQLite BEGIN IMMEDIATE does the same with the database's write lock.
 * Returns the ids applied now.
 */
export async function runMigrations(db: Database, list: Migration[], now: () => Date = () => new Date()): Promise<number[]> {
  const ordered = checkMigrations(list);
  return db.transaction(async tx => {
    // A migration may rewrite a big table, and another process may be doing so: no statement timeout.
    if (tx.dialect === 'postgres') await tx.exec('SET LOCAL statement_timeout = 0');
    await tx.lock('migrations');
    await tx.exec(TABLE);
      const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map(row => Number(row.id)));
      const newlyApplied: number[] = [];
      for (const migration of ordered) {
        if (applied.has(migration.id)) continue;
        await tx.exec(migration[tx.dialect]);
        await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [migration.id, migration.name, now().toISOString()]);
        newlyApplied.push(migration.id);
      }
      return newlyApplied;
  });
}

/** The migrations sorted by id; throws on a repeated id, which would silently skip a change. */
export function checkMigrations(list: Migration[]): Migration[] {
  const ordered = [...list].sort((a, b) => a.id - b.id);
  ordered.forEach((migration, i) => {
    if (!Number.isInteger(migration.id) || migration.id < 1) throw new Error(`Migration id must be a positive integer: ${migration.id}`);
    if (i > 0 && ordered[i - 1]!.id === migration.id) throw new Error(`Two migrations have the id ${migration.id}: "${ordered[i - 1]!.name}" and "${migration.name}"`);
  });
  return ordered;
}
