import type { Migration } from '../migrations/Migration.js';

const tables = (text: string) => `
  CREATE TABLE sign_in_sessions (
    session_key ${text} PRIMARY KEY,
    user_id ${text} NOT NULL,
    first_seen_at ${text} NOT NULL
  );
`;

/** The sign-ins the server has recorded (user.login), so restarts and other processes do not record one again. */
export const signInMigration: Migration = {
  id: 301,
  name: 'sign-in sessions seen',
  sqlite: tables('TEXT'),
  postgres: tables('TEXT COLLATE "C"'),
};
