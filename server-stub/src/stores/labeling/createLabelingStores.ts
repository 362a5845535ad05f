import type { Database, SqlExecutor, Transaction } from '../db/Database.js';
import { createCaseStore, type CaseStore } from './createCaseStore.js';
import { createClientEventStore, type ClientEventStore } from './createClientEventStore.js';
import { createIngestReader, type IngestReader } from './createIngestReader.js';
import { createIngestWriter, type IngestWriter } from './createIngestWriter.js';
import { createLabelStore, type LabelStore } from './createLabelStore.js';
import { createProjectStore, type ProjectStore } from './createProjectStore.js';
import { createTimingStore, type TimingStore } from './createTimingStore.js';

/** The labeling stores over one executor: the shared connections, or one transaction. */
export interface LabelingStoreSet {
  projects: ProjectStore;
  labels: LabelStore;
  events: ClientEventStore;
  cases: CaseStore;
  timing: TimingStore;
  /** The writes of an ingest, several tables at once. */
  ingest: IngestWriter;
  /** The reads of an ingest before it plans, several tables at once. */
  ingestInputs: IngestReader;
}

export interface TransactionalStoreSet extends LabelingStoreSet {
  /** Serializes, until the transaction ends, with every other transaction taking the same name. */
  lock(name: string | readonly string[]): Promise<void>;
  /** The transaction itself, for writers outside the labeling stores (the audit ledger). */
  tx: Transaction;
}

export interface LabelingStores extends LabelingStoreSet {
  /** Runs `fn` with stores bound to one transaction: all its writes commit together or not at all. */
  transaction<T>(fn: (stores: TransactionalStoreSet) => Promise<T>): Promise<T>;
}

function createSet(db: SqlExecutor): LabelingStoreSet {
  const stores = {
    projects: createProjectStore(db),
    labels: createLabelStore(db),
    events: createClientEventStore(db),
    cases: createCaseStore(db),
    timing: createTimingStore(db),
    ingest: createIngestWriter(db),
  };
  return { ...stores, ingestInputs: createIngestReader(db, stores) };
}

/** Projects, schemas, labels and their versions, client events, cases and timing, on either backend. */
export function createLabelingStores(database: Database): LabelingStores {
  return {
    ...createSet(database),
    transaction: fn => database.transaction((tx: Transaction) => fn({ ...createSet(tx), lock: name => tx.lock(name), tx })),
  };
}
