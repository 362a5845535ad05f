import type { ClientEvent, Label, LabelSnapshot } from '@readingroom/platform-shim';
import type { SqliteDatabase } from './openSqlite.js';

export interface EventToAppend {
  clientId: string;
  event: ClientEvent;
  userId: string;
  receivedAt: string;
}

export type AppendOutcome = 'stored' | 'duplicate';

export interface EventStore {
  /** Appends events atomically, in order; an event already stored (same client and id) is a duplicate. */
  append(events: EventToAppend[]): Promise<AppendOutcome[]>;
  /** Labels of a study as they stand now (removed labels excluded). */
  listLabels(StudyInstanceUID: string): Promise<Label[]>;
}

interface LabelRow {
  label_id: string;
  snapshot: string | null;
  version: number;
  deleted: number;
  last_occurred_at: string;
  last_event_id: string;
  updated_at: string;
  updated_by: string;
}

/** SQLite-backed store of client events and the current state of each label. */
export function createSqliteEventStore(db: SqliteDatabase): EventStore {
  const insertEvent = db.prepare(`
    INSERT INTO client_events (client_id, event_id, type, occurred_at, received_at, user_id, study_uid, payload)
    VALUES (@clientId, @eventId, @type, @occurredAt, @receivedAt, @userId, @studyUid, @payload)
    ON CONFLICT (client_id, event_id) DO NOTHING`);
  const selectLabel = db.prepare('SELECT * FROM labels WHERE label_id = ?');
  const upsertLabel = db.prepare(`
    INSERT INTO labels (label_id, study_uid, snapshot, version, deleted, last_occurred_at, last_event_id, updated_at, updated_by)
    VALUES (@labelId, @studyUid, @snapshot, @version, @deleted, @occurredAt, @eventId, @updatedAt, @updatedBy)
    ON CONFLICT (label_id) DO UPDATE SET
      snapshot = excluded.snapshot, version = excluded.version, deleted = excluded.deleted,
      last_occurred_at = excluded.last_occurred_at, last_event_id = excluded.last_event_id,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  const bumpVersion = db.prepare('UPDATE labels SET version = version + 1 WHERE label_id = ?');
  const selectStudyLabels = db.prepare(
    'SELECT * FROM labels WHERE study_uid = ? AND deleted = 0 ORDER BY last_occurred_at, label_id',
  );

  const applyToLabel = (input: EventToAppend) => {
    const { event } = input;
    if (event.type !== 'label.created' && event.type !== 'label.modified' && event.type !== 'label.removed') return;
    const current = selectLabel.get(event.payload.labelId) as LabelRow | undefined;
    // The latest change by client time wins, so late or replayed deliveries cannot roll a label back.
    const isNewer = !current || compareChange(event.occurredAt, event.eventId, current) > 0;
    if (!isNewer) {
      bumpVersion.run(event.payload.labelId);
      return;
    }
    upsertLabel.run({
      labelId: event.payload.labelId,
      studyUid: event.payload.StudyInstanceUID,
      snapshot: event.type === 'label.removed' ? (current?.snapshot ?? null) : JSON.stringify(event.payload),
      version: (current?.version ?? 0) + 1,
      deleted: event.type === 'label.removed' ? 1 : 0,
      occurredAt: event.occurredAt,
      eventId: event.eventId,
      updatedAt: input.receivedAt,
      updatedBy: input.userId,
    });
  };

  const appendAll = db.transaction((inputs: EventToAppend[]): AppendOutcome[] =>
    inputs.map(input => {
      const { event } = input;
      const result = insertEvent.run({
        clientId: input.clientId,
        eventId: event.eventId,
        type: event.type,
        occurredAt: event.occurredAt,
        receivedAt: input.receivedAt,
        userId: input.userId,
        studyUid: event.payload.StudyInstanceUID,
        payload: JSON.stringify(event.payload),
      });
      if (result.changes === 0) return 'duplicate';
      applyToLabel(input);
      return 'stored';
    }),
  );

  return {
    async append(events) {
      return events.length === 0 ? [] : appendAll(events);
    },
    async listLabels(StudyInstanceUID) {
      const rows = selectStudyLabels.all(StudyInstanceUID) as LabelRow[];
      return rows.filter(row => row.snapshot !== null).map(toLabel);
    },
  };
}

function compareChange(occurredAt: string, eventId: string, row: LabelRow): number {
  const byTime = Date.parse(occurredAt) - Date.parse(row.last_occurred_at);
  if (byTime !== 0) return byTime;
  return eventId < row.last_event_id ? -1 : eventId > row.last_event_id ? 1 : 0;
}

function toLabel(row: LabelRow): Label {
  const snapshot = JSON.parse(row.snapshot!) as LabelSnapshot;
  return { ...snapshot, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
}
