import type { SqlExecutor } from '../db/Database.js';
import { insertRows, type RowsInsert } from '../db/insertRows.js';
import type { CaseSubmissionRecord } from './labelRecords.js';

/** One study of a project as one labeler stands with it. */
export interface CaseRow {
  StudyInstanceUID: string;
  labelCount: number;
  draftCount: number;
  submittedAt: string | null;
}

export interface CaseStore {
  findSubmission(projectId: string, StudyInstanceUID: string, userId: string): Promise<CaseSubmissionRecord | undefined>;
  /** The known submissions of these cases (one statement for up to 32 cases, not one each). */
  findSubmissions(cases: readonly CaseKey[]): Promise<CaseSubmissionRecord[]>;
  saveSubmissions(submissions: readonly CaseSubmissionRecord[]): Promise<void>;
  /** Every study of the project, in the order they were added, with this labeler's labels and submission. */
  listCases(projectId: string, userId: string): Promise<CaseRow[]>;
}

export interface CaseKey {
  projectId: string;
  StudyInstanceUID: string;
  userId: string;
}

const SUBMISSION_CHUNK = 32;

const UPSERT = `ON CONFLICT (project_id, study_uid, user_id) DO UPDATE SET
  occurred_at = excluded.occurred_at, event_id = excluded.event_id, recorded_at = excluded.recorded_at`;

/** The rows `saveSubmissions` upserts (one per case), for inserts of several tables at once. */
export function submissionRows(submissions: readonly CaseSubmissionRecord[]): RowsInsert {
  return {
    table: 'case_submissions',
    columns: ['project_id', 'study_uid', 'user_id', 'occurred_at', 'event_id', 'recorded_at'],
    rows: submissions.map(s => [s.projectId, s.StudyInstanceUID, s.userId, s.occurredAt, s.eventId, s.recordedAt]),
    suffix: UPSERT,
  };
}

/** Case submissions and the per-labeler view of a project's studies. */
export function createCaseStore(db: SqlExecutor): CaseStore {
  return {
    async findSubmission(projectId, StudyInstanceUID, userId) {
      const row = await db.queryOne<{ occurred_at: string; event_id: string; recorded_at: string }>(
        'SELECT occurred_at, event_id, recorded_at FROM case_submissions WHERE project_id = ? AND study_uid = ? AND user_id = ?',
        [projectId, StudyInstanceUID, userId],
      );
      return row && { projectId, StudyInstanceUID, userId, occurredAt: row.occurred_at, eventId: row.event_id, recordedAt: row.recorded_at };
    },

    async findSubmissions(cases) {
      const found: CaseSubmissionRecord[] = [];
      for (let at = 0; at < cases.length; at += SUBMISSION_CHUNK) {
        const part = cases.slice(at, at + SUBMISSION_CHUNK);
        const rows = await db.query<{ project_id: string; study_uid: string; user_id: string; occurred_at: string; event_id: string; recorded_at: string }>(
          `SELECT project_id, study_uid, user_id, occurred_at, event_id, recorded_at FROM case_submissions
           WHERE ${part.map(() => '(project_id = ? AND study_uid = ? AND user_id = ?)').join(' OR ')}`,
          part.flatMap(c => [c.projectId, c.StudyInstanceUID, c.userId]),
        );
        for (const r of rows) found.push({ projectId: r.project_id, StudyInstanceUID: r.study_uid, userId: r.user_id, occurredAt: r.occurred_at, eventId: r.event_id, recordedAt: r.recorded_at });
      }
      return found;
    },

    async saveSubmissions(submissions) {
      const { table, columns, rows, suffix } = submissionRows(submissions);
      await insertRows(db, table, columns, rows, suffix);
    },

    async listCases(projectId, userId) {
      const rows = await db.query<{ study_uid: string; label_count: number; draft_count: number; submitted_at: string | null }>(
        `SELECT ps.study_uid,
           (SELECT COUNT(*) FROM labels l WHERE l.project_id = ps.project_id AND l.study_uid = ps.study_uid AND l.created_by = ?
              AND l.deleted = 0 AND l.current_version IS NOT NULL) AS label_count,
           (SELECT COUNT(*) FROM labels l WHERE l.project_id = ps.project_id AND l.study_uid = ps.study_uid AND l.created_by = ?
              AND l.deleted = 0 AND l.status = 'draft') AS draft_count,
           cs.occurred_at AS submitted_at
         FROM project_studies ps
         LEFT JOIN case_submissions cs ON cs.project_id = ps.project_id AND cs.study_uid = ps.study_uid AND cs.user_id = ?
         WHERE ps.project_id = ?
         ORDER BY ps.added_at, ps.study_uid`,
        [userId, userId, userId, projectId],
      );
      return rows.map(r => ({ StudyInstanceUID: r.study_uid, labelCount: Number(r.label_count), draftCount: Number(r.draft_count), submittedAt: r.submitted_at }));
    },
  };
}
