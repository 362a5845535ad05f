import type { SqlExecutor } from '../db/Database.js';
import { storedEventKey } from './createClientEventStore.js';
import { STATE_SELECT, toState, type StateRow } from './createLabelStore.js';
import { membershipKey } from './createProjectStore.js';
import type { CaseSubmissionRecord, LabelState } from './labelRecords.js';
import type { LabelingStoreSet } from './createLabelingStores.js';

/** What an ingest transaction reads before it plans, for all its events at once. */
export interface IngestReads {
  /** Events already stored, as `storedEventKey` names them. */
  events: ReadonlyArray<{ clientId: string; eventId: string }>;
  /** Project and study pairs whose memberships are needed. */
  pairs: ReadonlyArray<{ projectId: string; StudyInstanceUID: string }>;
  labelIds: readonly string[];
}

export interface IngestInputs {
  stored: Set<string>;
  /** Keyed by `membershipKey`. */
  memberships: Set<string>;
  states: LabelState[];
  /**
   * PostgreSQL: every stored submission of a case in the studies of `pairs` (any labeler's, for
   * the caller to pick its cases from: which labeler's case a change touches depends on the states
   * read here), read in the same statement. SQLite: not read here; loadPlanInput asks the case
   * store for its cases (a function call there, not a round trip).
   */
  submissions?: CaseSubmissionRecord[];
}

export interface IngestReader {
  /**
   * Stored events, project memberships and label states: what `events.findStored`,
   * `projects.findMemberships` and `labels.loadStates` return, on PostgreSQL in one statement
   * with the submissions of the pairs' studies (one round trip, not four; it runs after the locks
   * the caller took, so it sees every transaction that held them), on SQLite through those stores.
   */
  read(reads: IngestReads): Promise<IngestInputs>;
}

// Each lookup probes its unique index once per key (LATERAL … LIMIT 1, see the stores' own
// queries: `IN (…)` on a young table without statistics scans the table).
const READ_ALL = `SELECT
  (SELECT COALESCE(json_agg(json_build_array(e.client_id, e.event_id)), '[]') FROM json_to_recordset(?::json) AS k(client_id TEXT, event_id TEXT),
    LATERAL (SELECT client_id, event_id FROM client_events WHERE client_id = k.client_id AND event_id = k.event_id LIMIT 1) e) AS stored,
  (SELECT COALESCE(json_agg(json_build_array(m.project_id, m.study_uid)), '[]') FROM json_array_elements_text(?::json) AS k(study_uid),
    LATERAL (SELECT project_id, study_uid FROM project_studies WHERE study_uid = k.study_uid) m) AS memberships,
  (SELECT COALESCE(json_agg(s), '[]') FROM json_array_elements_text(?::json) AS k(label_id),
    LATERAL (${STATE_SELECT} WHERE l.label_id = k.label_id LIMIT 1) s) AS states,
  (SELECT COALESCE(json_agg(json_build_array(c.project_id, c.study_uid, c.user_id, c.occurred_at, c.event_id, c.recorded_at)), '[]')
    FROM json_to_recordset(?::json) AS k(project_id TEXT, study_uid TEXT),
    LATERAL (SELECT * FROM case_submissions WHERE project_id = k.project_id AND study_uid = k.study_uid) c) AS submissions`;

type SubmissionTuple = [projectId: string, StudyInstanceUID: string, userId: string, occurredAt: string, eventId: string, recordedAt: string];

export function createIngestReader(db: SqlExecutor, stores: Pick<LabelingStoreSet, 'events' | 'projects' | 'labels'>): IngestReader {
  return {
    async read({ events, pairs, labelIds }) {
      if (db.dialect !== 'postgres') {
        return {
          stored: await stores.events.findStored(events),
          memberships: pairs.length > 0 ? await stores.projects.findMemberships(pairs) : new Set(),
          states: await stores.labels.loadStates(labelIds),
        };
      }
      const row = await db.queryOne<{ stored: Array<[string, string]>; memberships: Array<[string, string]>; states: StateRow[]; submissions: SubmissionTuple[] }>(READ_ALL, [
        JSON.stringify(events.map(e => ({ client_id: e.clientId, event_id: e.eventId }))),
        JSON.stringify([...new Set(pairs.map(p => p.StudyInstanceUID))]),
        JSON.stringify([...new Set(labelIds)]),
        JSON.stringify([...new Map(pairs.map(p => [membershipKey(p.projectId, p.StudyInstanceUID), { project_id: p.projectId, study_uid: p.StudyInstanceUID }])).values()]),
      ]);
      return {
        stored: new Set((row?.stored ?? []).map(([clientId, eventId]) => storedEventKey(clientId, eventId))),
        memberships: new Set((row?.memberships ?? []).map(([projectId, study]) => membershipKey(projectId, study))),
        states: (row?.states ?? []).map(toState),
        submissions: (row?.submissions ?? []).map(([projectId, StudyInstanceUID, userId, occurredAt, eventId, recordedAt]) => ({ projectId, StudyInstanceUID, userId, occurredAt, eventId, recordedAt })),
      };
    },
  };
}
