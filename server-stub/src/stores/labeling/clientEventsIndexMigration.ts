import type { Migration } from '../migrations/Migration.js';

/**
 * `client_events_by_study` (migration 1) serves no query: the event log is read by client and
 * event id (the unique index) only. Every ingested event paid for it (about a third of the
 * row's insert time on SQLite, a scattered page per commit), so it goes.
 */
export const clientEventsIndexMigration: Migration = {
  id: 3,
  name: 'client events: no index by study',
  sqlite: 'DROP INDEX client_events_by_study;',
  postgres: 'DROP INDEX client_events_by_study;',
};
