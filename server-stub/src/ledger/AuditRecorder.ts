/**
 * The one way the server writes to the audit ledger (docs/audit-ledger.md, "Recording").
 * Every part of the server that has something to audit gets `app.auditRecorder` and calls it;
 * nothing else touches the ledger tables.
 */
import type { AuditActor, AuditSubject, JsonValue } from './core/index.js';
import type { Transaction } from '../stores/db/Database.js';

export type { AuditActor, AuditSubject, JsonValue };

/**
 * One thing that happened, as the server saw it. The recorder adds `seq`, the server's UTC time
 * (`recordedAt`), the leaf hash and the chain hash.
 *
 * `kind` is dotted lower-case words. Kinds in use (keep docs/audit-ledger.md "Event kinds" in
 * step when adding one):
 * - labels: `label.created`, `label.modified`, `label.removed`, `label.submitted`, `case.submitted`
 * - viewing (client events): `study.opened`, `series.displayed`, …
 * - DICOMweb served by this server: `dicomweb.retrieve`, `dicomweb.query`, `dicomweb.store`
 * - exports and imports: `export.created`, `import.received`
 * - identity and access: `user.login`, `user.logout`, `access.denied`, `security.break-glass`
 * - the ledger itself: `ledger.records-lost`
 *
 * Never put PHI in an entry: UIDs, ids, versions and hashes only (no names, no free text the
 * user typed, no label content — its content hash instead).
 */
export interface AuditEntry {
  kind: string;
  /** Who, as the server established it (the authenticated user), never as a client claimed it. */
  actor: AuditActor;
  /** What it was done to; omit or leave empty when the event is about no study (a login). */
  subject?: AuditSubject;
  /**
   * Event-specific JSON data (no undefined values). Conventional fields, used by the DICOM and
   * FHIR renderings when present: `outcome` ('success' | 'minor-failure' | 'serious-failure' |
   * 'major-failure'), `reason` (why it failed or was denied), `route` (the API route template,
   * never the URL with its UIDs), `clientEventId`, `sourceAddress`. `StudyInstanceUIDs` (an
   * array) names further studies an event concerns (a QIDO search's results): the auditor's
   * trail of each of those studies then lists it.
   */
  detail?: { [key: string]: JsonValue };
}

export interface RecordOptions {
  /**
   * The database transaction of the change the entries describe: the records then commit or roll
   * back with it. Call `record` last in that transaction, after every other lock it takes (the
   * ledger's own lock is held from here to its commit, so taking locks after it risks deadlock).
   * The caller's last statements may still be running: `record` queues the lock behind them on the
   * transaction and meanwhile prepares the records (see LedgerAppender.append).
   */
  tx?: Transaction;
}

export interface AuditRecorder {
  /**
   * Appends the entries to the ledger, in order, with consecutive `seq`. Resolves once they are
   * durable: committed together with `options.tx`, or (without it) in a transaction of their own
   * that may be shared with other callers' entries (group commit). Rejects when an entry breaks
   * the record rules (InvalidRecordError: a programming error, nothing is written) or the
   * database fails.
   */
  record(entries: readonly AuditEntry[], options?: RecordOptions): Promise<void>;

  /**
   * Queues the entries for the next batched append and returns at once, for hot paths (DICOMweb
   * access records, denied requests) that must not wait for the database. Never throws: invalid
   * entries are logged and dropped; a failing database is retried, and if the queue overflows
   * meanwhile the number of lost entries is itself recorded (`ledger.records-lost`).
   */
  enqueue(entries: readonly AuditEntry[]): void;

  /** Resolves when every entry queued so far is written (tests, shutdown). */
  flush(): Promise<void>;
}
