import { dicomIndexMigration } from '../dicom/dicomIndexMigration.js';

/**
 * SQLite schema, one entry per change, applied in order and recorded in schema_migrations.
 * Never edit an entry that has shipped; add a new one.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const sqliteMigrations: Migration[] = [
  {
    id: 1,
    name: 'client events and labels',
    sql: `
      CREATE TABLE client_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        client_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        study_uid TEXT,
        payload TEXT NOT NULL,
        UNIQUE (client_id, event_id)
      );
      CREATE INDEX client_events_by_study ON client_events (study_uid, type);

      CREATE TABLE labels (
        label_id TEXT PRIMARY KEY,
        study_uid TEXT NOT NULL,
        snapshot TEXT,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        last_occurred_at TEXT NOT NULL,
        last_event_id TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
      CREATE INDEX labels_by_study ON labels (study_uid, deleted);
    `,
  },
  dicomIndexMigration,
];
