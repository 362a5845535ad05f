import type { SqlExecutor } from '../db/Database.js';
import { storedEventKey } from './createClientEventStore.js';
import { STATE_SELECT, toState, type StateRow } from './createLabelStore.js';
import { membershipKey } from './createProjectStore.js';
import type { LabelState } from './labelRecords.js';
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
}

export interface IngestReader {
  /**
   * Stored events, project memberships and label states: what `events.findStored`,
   * `projects.findMemberships` and `labels.loadStates` return, on PostgreSQL in one statement
   * (one round trip, not three; it runs after the locks the caller took, so it sees every
   * transaction that held them), on SQLite through those stores.
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
    LATERAL (${STATE_SELECT} WHERE l.label_id = k.label_id LIMIT 1) s) AS states`;

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
      const row = await db.queryOne<{ stored: Array<[string, string]>; memberships: Array<[string, string]>; states: StateRow[] }>(READ_ALL, [
        JSON.stringify(events.map(e => ({ client_id: e.clientId, event_id: e.eventId }))),
        JSON.stringify([...new Set(pairs.map(p => p.StudyInstanceUID))]),
        JSON.stringify([...new Set(labelIds)]),
      ]);
      return {
        stored: new Set((row?.stored ?? []).map(([clientId, eventId]) => storedEventKey(clientId, eventId))),
        memberships: new Set((row?.memberships ?? []).map(([projectId, study]) => membershipKey(projectId, study))),
        states: (row?.states ?? []).map(toState),
      };
    },
  };
}
