import type { SqlExecutor, SqlValue } from '../db/Database.js';
import { insertRows, type RowsInsert } from '../db/insertRows.js';
import type { TimingSegmentRecord } from './labelRecords.js';

export interface TimingFilter {
  projectId?: string;
  userId?: string;
  /** Epoch milliseconds; segments that end after `fromMs` and start before `toMs`. */
  fromMs?: number;
  toMs?: number;
}

/** A stored segment with its finding type filled in from its label where the segment had none. */
export interface TimingSegmentRow {
  userId: string;
  projectId: string | null;
  StudyInstanceUID: string;
  labelId: string | null;
  findingTypeId: string | null;
  startedMs: number;
  activeMs: number;
}

export interface TimingStore {
  insertSegments(segments: readonly TimingSegmentRecord[]): Promise<void>;
  listSegments(filter: TimingFilter): Promise<TimingSegmentRow[]>;
}

const COLUMNS = ['client_id', 'event_id', 'user_id', 'project_id', 'study_uid', 'label_id', 'finding_type_id', 'started_at', 'ended_at', 'started_ms', 'active_ms'];

/** The rows `insertSegments` inserts, for inserts of several tables at once. */
export function segmentRows(segments: readonly TimingSegmentRecord[]): RowsInsert {
  return {
    table: 'timing_segments',
    columns: COLUMNS,
    rows: segments.map(s => [s.clientId, s.eventId, s.userId, s.projectId, s.StudyInstanceUID, s.labelId, s.findingTypeId, s.startedAt, s.endedAt, s.startedMs, s.activeMs]),
    suffix: 'ON CONFLICT (client_id, event_id) DO NOTHING',
  };
}

/** Active-time segments as the viewer measured them, one row per segment. */
export function createTimingStore(db: SqlExecutor): TimingStore {
  return {
    async insertSegments(segments) {
      const { table, columns, rows, suffix } = segmentRows(segments);
      await insertRows(db, table, columns, rows, suffix);
    },

    async listSegments(filter) {
      const conditions: Array<[string, SqlValue[]]> = [];
      if (filter.projectId !== undefined) conditions.push(['t.project_id = ?', [filter.projectId]]);
      if (filter.userId !== undefined) conditions.push(['t.user_id = ?', [filter.userId]]);
      if (filter.toMs !== undefined) conditions.push(['t.started_ms < ?', [filter.toMs]]);
      // A segment is at most a day long (contract), so this bound keeps the index usable.
      if (filter.fromMs !== undefined) conditions.push(['t.started_ms > ? AND t.started_ms + t.active_ms > ?', [filter.fromMs - 86_400_000, filter.fromMs]]);
      const where = conditions.map(([sql]) => sql);
      const params = conditions.flatMap(([, values]) => values);
      const rows = await db.query<{ user_id: string; project_id: string | null; study_uid: string; label_id: string | null; finding_type_id: string | null; started_ms: number; active_ms: number }>(
        `SELECT t.user_id, t.project_id, t.study_uid, t.label_id, COALESCE(t.finding_type_id, l.finding_type_id) AS finding_type_id, t.started_ms, t.active_ms
         FROM timing_segments t LEFT JOIN labels l ON l.label_id = t.label_id
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY t.user_id, t.started_ms`,
        params,
      );
      return rows.map(r => ({
        userId: r.user_id,
        projectId: r.project_id,
        StudyInstanceUID: r.study_uid,
        labelId: r.label_id,
        findingTypeId: r.finding_type_id,
        startedMs: Number(r.started_ms),
        activeMs: Number(r.active_ms),
      }));
    },
  };
}
