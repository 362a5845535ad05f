import type { SqlExecutor } from '../db/Database.js';
import { insertRowsTogether } from '../db/insertRows.js';
import { submissionRows } from './createCaseStore.js';
import { clientEventRows } from './createClientEventStore.js';
import { labelStateRows, labelVersionRows } from './createLabelStore.js';
import { segmentRows } from './createTimingStore.js';
import type { CaseSubmissionRecord, ClientEventRecord, LabelState, LabelVersionRecord, TimingSegmentRecord } from './labelRecords.js';

/** Everything an ingest transaction writes for the events it accepted. */
export interface IngestWrites {
  events: readonly ClientEventRecord[];
  versions: readonly LabelVersionRecord[];
  /** One per label. */
  states: readonly LabelState[];
  /** One per case. */
  submissions: readonly CaseSubmissionRecord[];
  segments: readonly TimingSegmentRecord[];
}

export interface IngestWriter {
  /** What the event, label, case and timing stores would write, table by table; on PostgreSQL in one statement (one round trip, not five). */
  save(writes: IngestWrites): Promise<void>;
}

export function createIngestWriter(db: SqlExecutor): IngestWriter {
  return {
    async save(writes) {
      await insertRowsTogether(db, [
        clientEventRows(writes.events),
        labelVersionRows(writes.versions),
        labelStateRows(writes.states),
        submissionRows(writes.submissions),
        segmentRows(writes.segments),
      ]);
    },
  };
}
