import type { LabelSchema, LabelSchemaDefinition, Project, ProjectStudy } from '@readingroom/platform-shim';
import type { SqlExecutor, Transaction } from '../db/Database.js';
import { queryIn } from './queryIn.js';

export interface ProjectStore {
  listProjects(): Promise<Project[]>;
  getProject(projectId: string): Promise<Project | undefined>;
  /** Creates or updates; answers whether it was created. */
  saveProject(project: Pick<Project, 'projectId' | 'title' | 'description'>, userId: string, now: string): Promise<{ created: boolean }>;
  /** Appends the next schema version of a project (the caller holds the project's lock). */
  insertSchema(projectId: string, definition: LabelSchemaDefinition, userId: string, now: string): Promise<LabelSchema>;
  getSchema(projectId: string, version: number | 'latest'): Promise<LabelSchema | undefined>;
  /** Projects labeling a study, each with its latest schema (or null). */
  listStudyProjects(StudyInstanceUID: string): Promise<Array<{ project: Project; schema: LabelSchema | null }>>;
  addStudy(projectId: string, StudyInstanceUID: string, userId: string, now: string): Promise<ProjectStudy>;
  removeStudy(projectId: string, StudyInstanceUID: string): Promise<boolean>;
  /** Which of these (project, study) pairs are memberships, as `${projectId} ${uid}` keys. */
  findMemberships(pairs: ReadonlyArray<{ projectId: string; StudyInstanceUID: string }>): Promise<Set<string>>;
  /** Ids of the projects among these that exist. */
  findProjects(projectIds: readonly string[]): Promise<Set<string>>;
}

interface ProjectRow {
  project_id: string;
  title: string;
  description: string | null;
  latest_schema_version: number | null;
}

interface SchemaRow {
  project_id: string;
  version: number;
  definition: string;
  created_at: string;
  created_by: string;
}

const PROJECT_COLUMNS = `p.project_id, p.title, p.description,
  (SELECT MAX(s.version) FROM label_schemas s WHERE s.project_id = p.project_id) AS latest_schema_version`;

export const membershipKey = (projectId: string, StudyInstanceUID: string) => `${projectId} ${StudyInstanceUID}`;

/** Projects, the studies each labels, and their immutable schema versions. */
export function createProjectStore(db: SqlExecutor | Transaction): ProjectStore {
  return {
    async listProjects() {
      return (await db.query<ProjectRow>(`SELECT ${PROJECT_COLUMNS} FROM projects p ORDER BY p.project_id`)).map(toProject);
    },

    async getProject(projectId) {
      const row = await db.queryOne<ProjectRow>(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.project_id = ?`, [projectId]);
      return row && toProject(row);
    },

    async saveProject(project, userId, now) {
      const inserted = await db.query(
        `INSERT INTO projects (project_id, title, description, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id) DO NOTHING RETURNING project_id`,
        [project.projectId, project.title, project.description ?? null, now, userId, now],
      );
      if (inserted.length > 0) return { created: true };
      await db.run('UPDATE projects SET title = ?, description = ?, updated_at = ? WHERE project_id = ?', [project.title, project.description ?? null, now, project.projectId]);
      return { created: false };
    },

    async insertSchema(projectId, definition, userId, now) {
      const row = await db.queryOne<{ next: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM label_schemas WHERE project_id = ?', [projectId]);
      const version = Number(row!.next);
      await db.run('INSERT INTO label_schemas (project_id, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
        projectId,
        version,
        JSON.stringify(definition),
        now,
        userId,
      ]);
      return { projectId, version, createdAt: now, createdBy: userId, definition };
    },

    async getSchema(projectId, version) {
      const row =
        version === 'latest'
          ? await db.queryOne<SchemaRow>('SELECT * FROM label_schemas WHERE project_id = ? ORDER BY version DESC LIMIT 1', [projectId])
          : await db.queryOne<SchemaRow>('SELECT * FROM label_schemas WHERE project_id = ? AND version = ?', [projectId, version]);
      return row && toSchema(row);
    },

    async listStudyProjects(StudyInstanceUID) {
      const rows = await db.query<ProjectRow & Partial<SchemaRow> & { schema_created_at: string | null; schema_created_by: string | null }>(
        `SELECT ${PROJECT_COLUMNS}, s.definition, s.created_at AS schema_created_at, s.created_by AS schema_created_by
         FROM project_studies ps
         JOIN projects p ON p.project_id = ps.project_id
         LEFT JOIN label_schemas s ON s.project_id = p.project_id
           AND s.version = (SELECT MAX(v.version) FROM label_schemas v WHERE v.project_id = p.project_id)
         WHERE ps.study_uid = ? ORDER BY p.project_id`,
        [StudyInstanceUID],
      );
      return rows.map(row => ({
        project: toProject(row),
        schema:
          row.definition && row.latest_schema_version !== null
            ? toSchema({ project_id: row.project_id, version: row.latest_schema_version, definition: row.definition, created_at: row.schema_created_at!, created_by: row.schema_created_by! })
            : null,
      }));
    },

    async addStudy(projectId, StudyInstanceUID, userId, now) {
      await db.run(
        'INSERT INTO project_studies (project_id, study_uid, added_at, added_by) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, study_uid) DO NOTHING',
        [projectId, StudyInstanceUID, now, userId],
      );
      const row = await db.queryOne<{ added_at: string }>('SELECT added_at FROM project_studies WHERE project_id = ? AND study_uid = ?', [projectId, StudyInstanceUID]);
      return { projectId, StudyInstanceUID, addedAt: row!.added_at };
    },

    async removeStudy(projectId, StudyInstanceUID) {
      return (await db.run('DELETE FROM project_studies WHERE project_id = ? AND study_uid = ?', [projectId, StudyInstanceUID])).changes > 0;
    },

    async findMemberships(pairs) {
      const studies = [...new Set(pairs.map(p => p.StudyInstanceUID))];
      const rows = await queryIn<{ project_id: string; study_uid: string }>(db, studies, list => `SELECT project_id, study_uid FROM project_studies WHERE study_uid IN (${list})`);
      return new Set(rows.map(r => membershipKey(r.project_id, r.study_uid)));
    },

    async findProjects(projectIds) {
      const rows = await queryIn<{ project_id: string }>(db, [...new Set(projectIds)], list => `SELECT project_id FROM projects WHERE project_id IN (${list})`);
      return new Set(rows.map(r => r.project_id));
    },
  };
}

function toProject(row: ProjectRow): Project {
  return {
    projectId: row.project_id,
    title: row.title,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.latest_schema_version !== null ? { latestSchemaVersion: Number(row.latest_schema_version) } : {}),
  };
}

function toSchema(row: SchemaRow): LabelSchema {
  return {
    projectId: row.project_id,
    version: Number(row.version),
    createdAt: row.created_at,
    createdBy: row.created_by,
    definition: JSON.parse(row.definition) as LabelSchemaDefinition,
  };
}
