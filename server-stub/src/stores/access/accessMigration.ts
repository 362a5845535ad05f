import type { Migration } from '../migrations/Migration.js';

/**
 * Identity and access: who is a member of which project in which role, which cases (studies of a
 * project) are assigned to which labeler, the users the server has seen (a directory for admins;
 * identities themselves live at the identity provider), and break-glass grants.
 */
const tables = (text: string, bigint: string) => `
  CREATE TABLE project_members (
    project_id ${text} NOT NULL REFERENCES projects (project_id),
    user_id ${text} NOT NULL,
    role ${text} NOT NULL,
    added_by ${text} NOT NULL,
    added_at ${text} NOT NULL,
    PRIMARY KEY (project_id, user_id, role)
  );
  CREATE INDEX project_members_by_user ON project_members (user_id);

  CREATE TABLE case_assignments (
    project_id ${text} NOT NULL REFERENCES projects (project_id),
    study_uid ${text} NOT NULL,
    user_id ${text} NOT NULL,
    assigned_by ${text} NOT NULL,
    assigned_at ${text} NOT NULL,
    PRIMARY KEY (project_id, study_uid, user_id)
  );
  CREATE INDEX case_assignments_by_user ON case_assignments (user_id, project_id);

  CREATE TABLE known_users (
    user_id ${text} PRIMARY KEY,
    display_name TEXT NOT NULL,
    roles ${text} NOT NULL,
    first_seen_at ${text} NOT NULL,
    last_seen_at ${text} NOT NULL
  );

  CREATE TABLE break_glass_grants (
    grant_id ${text} PRIMARY KEY,
    user_id ${text} NOT NULL,
    study_uid ${text} NOT NULL,
    reason TEXT NOT NULL,
    granted_at ${text} NOT NULL,
    expires_at ${text} NOT NULL,
    expires_ms ${bigint} NOT NULL
  );
  CREATE INDEX break_glass_grants_by_user ON break_glass_grants (user_id, study_uid, expires_ms);
`;

export const accessMigration: Migration = {
  id: 300,
  name: 'project members, case assignments, known users, break-glass grants',
  sqlite: tables('TEXT', 'INTEGER'),
  postgres: tables('TEXT COLLATE "C"', 'BIGINT'),
};
