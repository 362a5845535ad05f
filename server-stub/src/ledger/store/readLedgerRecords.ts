/** Reading records back: pages in seq order (verification, forwarding), by seq, and the auditor's trail. */
import type { CanonicalLedgerRecord } from '../core/index.js';
import type { SqlExecutor } from '../../stores/db/Database.js';

interface RecordRow {
  seq: number;
  canonical_content: string;
  leaf_hash: string;
  chain_hash: string;
}

const COLUMNS = 'seq, canonical_content, leaf_hash, chain_hash';

const toRecord = (row: RecordRow): CanonicalLedgerRecord => ({ seq: Number(row.seq), canonicalContent: row.canonical_content, leafHash: row.leaf_hash, chainHash: row.chain_hash });

/** Up to `limit` records after `afterSeq`, in seq order (a keyset page: bounded memory, no OFFSET). */
export async function readRecordPage(db: SqlExecutor, afterSeq: number, limit: number): Promise<CanonicalLedgerRecord[]> {
  return (await db.query<RecordRow>(`SELECT ${COLUMNS} FROM audit_ledger WHERE seq > ? ORDER BY seq LIMIT ?`, [afterSeq, limit])).map(toRecord);
}

export async function readRecord(db: SqlExecutor, seq: number): Promise<CanonicalLedgerRecord | undefined> {
  const row = await db.queryOne<RecordRow>(`SELECT ${COLUMNS} FROM audit_ledger WHERE seq = ?`, [seq]);
  return row && toRecord(row);
}

/** Records by seq, in seq order. */
export async function readRecords(db: SqlExecutor, seqs: readonly number[]): Promise<CanonicalLedgerRecord[]> {
  if (seqs.length === 0) return [];
  const rows = await db.query<RecordRow>(`SELECT ${COLUMNS} FROM audit_ledger WHERE seq IN (${seqs.map(() => '?').join(', ')}) ORDER BY seq`, seqs);
  return rows.map(toRecord);
}

export type TrailTarget = { StudyInstanceUID: string } | { SOPInstanceUID: string; SeriesInstanceUID?: string; StudyInstanceUID?: string };

/**
 * The seqs of the records about a study (any of its series and instances, and searches that
 * returned it), or about an instance: records naming it, and records about its whole series or
 * whole study. After `afterSeq`, at most `limit`, in seq order.
 */
export async function findTrailSeqs(db: SqlExecutor, target: TrailTarget, afterSeq: number, limit: number): Promise<number[]> {
  let sql: string;
  let params: (string | number)[];
  if (!('SOPInstanceUID' in target)) {
    sql = `SELECT seq FROM audit_ledger WHERE study_uid = ? AND seq > ?
      UNION SELECT seq FROM audit_ledger_studies WHERE study_uid = ? AND seq > ?`;
    params = [target.StudyInstanceUID, afterSeq, target.StudyInstanceUID, afterSeq];
  } else {
    sql = 'SELECT seq FROM audit_ledger_instances WHERE sop_instance_uid = ? AND seq > ?';
    params = [target.SOPInstanceUID, afterSeq];
    if (target.SeriesInstanceUID) {
      sql += ' UNION SELECT seq FROM audit_ledger WHERE series_uid = ? AND sop_count = 0 AND seq > ?';
      params.push(target.SeriesInstanceUID, afterSeq);
    }
    if (target.StudyInstanceUID) {
      sql += ' UNION SELECT seq FROM audit_ledger WHERE study_uid = ? AND series_uid IS NULL AND sop_count = 0 AND seq > ?';
      params.push(target.StudyInstanceUID, afterSeq);
    }
  }
  const rows = await db.query<{ seq: number }>(`${sql} ORDER BY seq LIMIT ?`, [...params, limit]);
  return rows.map(row => Number(row.seq));
}

/** The study and series of an instance, as the ledger's records about it name them. */
export async function locateInstanceInLedger(db: SqlExecutor, SOPInstanceUID: string): Promise<{ StudyInstanceUID?: string; SeriesInstanceUID?: string }> {
  const row = await db.queryOne<{ study_uid: string | null; series_uid: string | null }>(
    `SELECT l.study_uid, l.series_uid FROM audit_ledger_instances i JOIN audit_ledger l ON l.seq = i.seq
     WHERE i.sop_instance_uid = ? AND l.study_uid IS NOT NULL ORDER BY i.seq LIMIT 1`,
    [SOPInstanceUID],
  );
  return { StudyInstanceUID: row?.study_uid ?? undefined, SeriesInstanceUID: row?.series_uid ?? undefined };
}
