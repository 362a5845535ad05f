import type { Label, LabelSnapshot, LabelVersion } from '@readingroom/platform-shim';
import type { SqlExecutor } from '../db/Database.js';
import { insertRows, type RowsInsert } from '../db/insertRows.js';
import { queryIn } from './queryIn.js';
import type { LabelState, LabelVersionRecord } from './labelRecords.js';

export interface LabelStore {
  /** Current states of these labels (those the server knows). */
  loadStates(labelIds: readonly string[]): Promise<LabelState[]>;
  /** Current states of one labeler's labels in one case. */
  loadCaseStates(projectId: string, StudyInstanceUID: string, createdBy: string): Promise<LabelState[]>;
  insertVersions(versions: readonly LabelVersionRecord[]): Promise<void>;
  /** Inserts new states and overwrites known ones. */
  saveStates(states: readonly LabelState[]): Promise<void>;
  listStudyLabels(StudyInstanceUID: string, projectId?: string): Promise<Label[]>;
  listVersions(labelId: string): Promise<LabelVersion[]>;
  listStudyVersions(StudyInstanceUID: string): Promise<LabelVersion[]>;
}

/** A `labels` row with its current version's snapshot, as STATE_SELECT reads it. */
export interface StateRow {
  label_id: string;
  project_id: string;
  study_uid: string;
  created_by: string;
  current_version: number | null;
  last_version: number;
  deleted: number;
  last_occurred_at: string;
  last_event_id: string;
  last_author: string;
  snapshot: string | null;
}

interface VersionRow {
  label_id: string;
  version: number;
  change: LabelVersion['change'];
  schema_version: number;
  snapshot: string;
  content_hash: string;
  author: string;
  recorded_at: string;
  occurred_at: string;
  event_id: string;
}

export const STATE_SELECT = `SELECT l.label_id, l.project_id, l.study_uid, l.created_by, l.current_version, l.last_version, l.deleted,
  l.last_occurred_at, l.last_event_id, l.last_author, v.snapshot
  FROM labels l LEFT JOIN label_versions v ON v.label_id = l.label_id AND v.version = l.current_version`;

const VERSION_COLUMNS = ['label_id', 'version', 'change', 'project_id', 'study_uid', 'schema_version', 'snapshot', 'content_hash', 'author', 'recorded_at', 'occurred_at', 'event_id'];
const STATE_COLUMNS = ['label_id', 'project_id', 'study_uid', 'created_by', 'current_version', 'last_version', 'status', 'finding_type_id', 'deleted', 'last_occurred_at', 'last_event_id', 'last_author'];
const STATE_UPSERT = `ON CONFLICT (label_id) DO UPDATE SET
  created_by = excluded.created_by, current_version = excluded.current_version, last_version = excluded.last_version,
  status = excluded.status, finding_type_id = excluded.finding_type_id, deleted = excluded.deleted,
  last_occurred_at = excluded.last_occurred_at, last_event_id = excluded.last_event_id, last_author = excluded.last_author`;

/** The rows `insertVersions` inserts, for inserts of several tables at once. */
export function labelVersionRows(versions: readonly LabelVersionRecord[]): RowsInsert {
  return {
    table: 'label_versions',
    columns: VERSION_COLUMNS,
    rows: versions.map(v => [v.labelId, v.version, v.change, v.projectId, v.StudyInstanceUID, v.schemaVersion, v.snapshot, v.contentHash, v.author, v.recordedAt, v.occurredAt, v.eventId]),
  };
}

/** The rows `saveStates` upserts (one per label), for inserts of several tables at once. */
export function labelStateRows(states: readonly LabelState[]): RowsInsert {
  return {
    table: 'labels',
    columns: STATE_COLUMNS,
    rows: states.map(s => [
      s.labelId,
      s.projectId,
      s.StudyInstanceUID,
      s.createdBy,
      s.currentVersion,
      s.lastVersion,
      s.snapshot?.status ?? null,
      s.snapshot?.findingTypeId ?? null,
      s.deleted ? 1 : 0,
      s.lastOccurredAt,
      s.lastEventId,
      s.lastAuthor,
    ]),
    suffix: STATE_UPSERT,
  };
}

/** Immutable label versions and the derived current state of each label. */
export function createLabelStore(db: SqlExecutor): LabelStore {
  return {
    async loadStates(labelIds) {
      const ids = [...new Set(labelIds)];
      // PostgreSQL: one primary-key probe per label (LIMIT keeps the planner from flattening it into a
      // join), where `IN (…)` on a young table without statistics scans every label.
      const rows =
        db.dialect === 'postgres'
          ? ids.length === 0
            ? []
            : await db.query<StateRow>(`SELECT s.* FROM json_array_elements_text(?::json) AS k(label_id), LATERAL (${STATE_SELECT} WHERE l.label_id = k.label_id LIMIT 1) s`, [JSON.stringify(ids)])
          : await queryIn<StateRow>(db, ids, list => `${STATE_SELECT} WHERE l.label_id IN (${list})`);
      return rows.map(toState);
    },

    async loadCaseStates(projectId, StudyInstanceUID, createdBy) {
      const rows = await db.query<StateRow>(`${STATE_SELECT} WHERE l.project_id = ? AND l.study_uid = ? AND l.created_by = ?`, [projectId, StudyInstanceUID, createdBy]);
      return rows.map(toState);
    },

    async insertVersions(versions) {
      const { table, columns, rows } = labelVersionRows(versions);
      await insertRows(db, table, columns, rows);
    },

    async saveStates(states) {
      const { table, columns, rows, suffix } = labelStateRows(states);
      await insertRows(db, table, columns, rows, suffix);
    },

    async listStudyLabels(StudyInstanceUID, projectId) {
      const rows = await db.query<VersionRow & { created_by: string }>(
        `SELECT v.*, l.created_by FROM labels l JOIN label_versions v ON v.label_id = l.label_id AND v.version = l.current_version
         WHERE l.study_uid = ? AND l.deleted = 0${projectId ? ' AND l.project_id = ?' : ''}
         ORDER BY v.occurred_at, l.label_id`,
        projectId ? [StudyInstanceUID, projectId] : [StudyInstanceUID],
      );
      return rows.map(toLabel);
    },

    async listVersions(labelId) {
      return (await db.query<VersionRow>('SELECT * FROM label_versions WHERE label_id = ? ORDER BY version', [labelId])).map(toVersion);
    },

    async listStudyVersions(StudyInstanceUID) {
      const rows = await db.query<VersionRow>('SELECT * FROM label_versions WHERE study_uid = ? ORDER BY label_id, version', [StudyInstanceUID]);
      return rows.map(toVersion);
    },
  };
}

export function toState(row: StateRow): LabelState {
  return {
    labelId: row.label_id,
    projectId: row.project_id,
    StudyInstanceUID: row.study_uid,
    createdBy: row.created_by,
    currentVersion: row.current_version === null ? null : Number(row.current_version),
    lastVersion: Number(row.last_version),
    snapshot: row.snapshot === null ? null : (JSON.parse(row.snapshot) as LabelSnapshot),
    deleted: Number(row.deleted) === 1,
    lastOccurredAt: row.last_occurred_at,
    lastEventId: row.last_event_id,
    lastAuthor: row.last_author,
  };
}

function toVersion(row: VersionRow): LabelVersion {
  return {
    labelId: row.label_id,
    version: Number(row.version),
    change: row.change,
    snapshot: JSON.parse(row.snapshot) as LabelSnapshot,
    contentHash: row.content_hash,
    schemaVersion: Number(row.schema_version),
    author: row.author,
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    eventId: row.event_id,
  };
}

function toLabel(row: VersionRow & { created_by: string }): Label {
  return {
    ...(JSON.parse(row.snapshot) as LabelSnapshot),
    version: Number(row.version),
    contentHash: row.content_hash,
    createdBy: row.created_by,
    updatedAt: row.recorded_at,
    updatedBy: row.author,
  };
}
