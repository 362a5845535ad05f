import type { Migration } from '../../stores/migrations/Migration.js';

/**
 * The ATNA forwarder's lease: which server process forwards to a destination, until when.
 * `audit_forwarding` (migration 200) keeps how far each destination has received; one process
 * at a time holds its lease and renews it while it forwards.
 */
export const forwardingMigrations: Migration[] = [
  {
    id: 250,
    name: 'audit forwarding: the forwarder lease',
    sqlite: `
      ALTER TABLE audit_forwarding ADD COLUMN lease_holder TEXT;
      ALTER TABLE audit_forwarding ADD COLUMN lease_expires_at TEXT;`,
    postgres: `
      ALTER TABLE audit_forwarding ADD COLUMN lease_holder TEXT COLLATE "C";
      ALTER TABLE audit_forwarding ADD COLUMN lease_expires_at TEXT COLLATE "C";`,
  },
];
