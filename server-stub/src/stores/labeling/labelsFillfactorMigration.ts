import type { Migration } from '../migrations/Migration.js';

/**
 * PostgreSQL: `labels` pages keep 30% free, so an ingest's upsert of a label's state (a new row
 * version: PostgreSQL never updates in place) usually fits on the row's own page as a heap-only
 * tuple. No indexed column changes in that upsert (label id, study, project, author), so the two
 * indexes then get no new entry and the update writes less WAL. Pages filled before this
 * migration keep no room until the table is rewritten (VACUUM FULL); new pages do. SQLite
 * updates rows in place: nothing to change there.
 */
export const labelsFillfactorMigration: Migration = {
  id: 4,
  name: 'labels: room on each page for state updates (PostgreSQL)',
  sqlite: 'SELECT 1;',
  postgres: 'ALTER TABLE labels SET (fillfactor = 70);',
};
