import type { Migration } from '../migrations/Migration.js';

/**
 * Labeling v2: projects and their studies, immutable label schema versions, immutable label
 * versions with content hashes, the derived current state of each label, case submissions and
 * timing segments. The v1 `labels` table (foundation, demo only) is replaced: its rows were derived
 * from `client_events`, which keeps every event as received.
 */
const tables = (text: string, bigint: string) => `
  CREATE TABLE projects (
    project_id ${text} PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT,
    created_at ${text} NOT NULL,
    created_by ${text} NOT NULL,
    updated_at ${text} NOT NULL
  );

  CREATE TABLE project_studies (
    project_id ${text} NOT NULL REFERENCES projects (project_id),
    study_uid ${text} NOT NULL,
    added_at ${text} NOT NULL,
    added_by ${text} NOT NULL,
    PRIMARY KEY (project_id, study_uid)
  );
  CREATE INDEX project_studies_by_study ON project_studies (study_uid);

  CREATE TABLE label_schemas (
    project_id ${text} NOT NULL REFERENCES projects (project_id),
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at ${text} NOT NULL,
    created_by ${text} NOT NULL,
    PRIMARY KEY (project_id, version)
  );

  DROP TABLE labels;
  CREATE TABLE labels (
    label_id ${text} PRIMARY KEY,
    project_id ${text} NOT NULL,
    study_uid ${text} NOT NULL,
    created_by ${text} NOT NULL,
    current_version INTEGER,
    last_version INTEGER NOT NULL,
    status ${text},
    finding_type_id ${text},
    deleted INTEGER NOT NULL,
    last_occurred_at ${text} NOT NULL,
    last_event_id ${text} NOT NULL,
    last_author ${text} NOT NULL
  );
  -- One index serves a study's labels (of a project) and a labeler's case.
  CREATE INDEX labels_by_study ON labels (study_uid, project_id, created_by);

  CREATE TABLE label_versions (
    label_id ${text} NOT NULL,
    version INTEGER NOT NULL,
    change ${text} NOT NULL,
    project_id ${text} NOT NULL,
    study_uid ${text} NOT NULL,
    schema_version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    content_hash ${text} NOT NULL,
    author ${text} NOT NULL,
    recorded_at ${text} NOT NULL,
    occurred_at ${text} NOT NULL,
    event_id ${text} NOT NULL,
    PRIMARY KEY (label_id, version)
  );
  CREATE INDEX label_versions_by_study ON label_versions (study_uid);

  CREATE TABLE case_submissions (
    project_id ${text} NOT NULL,
    study_uid ${text} NOT NULL,
    user_id ${text} NOT NULL,
    occurred_at ${text} NOT NULL,
    event_id ${text} NOT NULL,
    recorded_at ${text} NOT NULL,
    PRIMARY KEY (project_id, study_uid, user_id)
  );

  CREATE TABLE timing_segments (
    client_id ${text} NOT NULL,
    event_id ${text} NOT NULL,
    user_id ${text} NOT NULL,
    project_id ${text},
    study_uid ${text} NOT NULL,
    label_id ${text},
    finding_type_id ${text},
    started_at ${text} NOT NULL,
    ended_at ${text} NOT NULL,
    started_ms ${bigint} NOT NULL,
    active_ms ${bigint} NOT NULL,
    PRIMARY KEY (client_id, event_id)
  );
  CREATE INDEX timing_segments_by_time ON timing_segments (started_ms);
  CREATE INDEX timing_segments_by_user ON timing_segments (user_id, started_ms);
`;

export const labelingMigration: Migration = {
  id: 2,
  name: 'projects, label schemas, label versions, cases, timing',
  sqlite: tables('TEXT', 'INTEGER'),
  postgres: tables('TEXT COLLATE "C"', 'BIGINT'),
};
