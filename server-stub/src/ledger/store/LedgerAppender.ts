/**
 * Appending to the ledger inside a database transaction: takes the ledger lock (one appender at
 * a time across every server process on the database), reads the head, seals the records with
 * consecutive seq, and writes them with their index rows and the tree nodes they complete.
 */
import {
  canonicalizeRecordContent,
  CompactRange,
  GENESIS_CHAIN_HASH,
  hashChainLink,
  hashLeaf,
  InvalidRecordError,
  validateRecordContent,
  type LedgerRecordContent,
  type TreeNodeHash,
} from '../core/index.js';
import type { SqlValue, Transaction } from '../../stores/db/Database.js';
import type { AuditEntry } from '../AuditRecorder.js';
import { insertRowsTogether, type RowsInsert } from '../../stores/db/insertRows.js';
import { toJson } from '../../stores/db/insertJsonRows.js';
import { isStoredNode, readCompactRange } from './treeNodeStore.js';

/** The advisory lock every append (and nothing else) takes. */
export const LEDGER_LOCK = 'audit-ledger';

/** Ledger batches run to thousands of rows: larger SQLite statements (a 500-record batch: 3 × 128 + 64 + 32 + 16 + 4). */
const LEDGER_ROWS_PER_STATEMENT = { maxRowsPerStatement: 128 };

export interface LedgerHead {
  /** Records in the ledger (the last seq; 0 when empty). */
  size: number;
  /** The last record's chain hash (hex); GENESIS for the empty ledger. */
  chainHash: string;
}

export interface AppendResult extends LedgerHead {
  firstSeq: number;
}

/** Records sealed on one head, ready to write. */
interface SealedAppend {
  /** The head they follow. */
  head: LedgerHead;
  rows: SqlValue[][];
  instanceRows: SqlValue[][];
  studyRows: SqlValue[][];
  /** Stored tree nodes the records complete. */
  completed: TreeNodeHash[];
  range: CompactRange;
  /** The last record's chain hash (the head's when none is valid). */
  chainHash: string;
  invalid: Array<{ entry: AuditEntry; error: InvalidRecordError }>;
}

const GENESIS_HEX = Buffer.from(GENESIS_CHAIN_HASH).toString('hex');
const LEDGER_COLUMNS = ['seq', 'study_uid', 'series_uid', 'sop_count', 'canonical_content', 'leaf_hash', 'chain_hash'] as const;
const INSTANCE_COLUMNS = ['sop_instance_uid', 'seq'] as const;
const STUDY_COLUMNS = ['study_uid', 'seq'] as const;
const NODE_COLUMNS = ['level', 'node_index', 'hash'] as const;

/** Reads the head: the caller holds the ledger lock, or accepts a head that may already be behind. */
export async function readLedgerHead(db: Pick<Transaction, 'queryOne'>): Promise<LedgerHead> {
  const row = await db.queryOne<{ seq: number; chain_hash: string }>('SELECT seq, chain_hash FROM audit_ledger ORDER BY seq DESC LIMIT 1');
  return row ? { size: Number(row.seq), chainHash: row.chain_hash } : { size: 0, chainHash: GENESIS_HEX };
}

/**
 * Takes the ledger lock and reads the head under it. On PostgreSQL one round trip: the function
 * `audit_ledger_lock_head` (migration 202) locks, then reads with a snapshot taken after the lock
 * was granted (a single SELECT would read with the snapshot of its start, before the wait, and
 * could miss the head another appender just committed).
 */
export async function lockLedgerHead(tx: Transaction): Promise<LedgerHead> {
  if (tx.dialect !== 'postgres' || !tx.lockKey) {
    await tx.lock(LEDGER_LOCK);
    return readLedgerHead(tx);
  }
  const row = await tx.queryOne<{ seq: number | null; chain_hash: string | null }>('SELECT seq, chain_hash FROM audit_ledger_lock_head(?::bigint)', [tx.lockKey(LEDGER_LOCK)]);
  return row?.seq != null && row.chain_hash !== null ? { size: Number(row.seq), chainHash: row.chain_hash } : { size: 0, chainHash: GENESIS_HEX };
}

export class LedgerAppender {
  /**
   * The tree's compact range at the head this process last wrote. The transaction that wrote it
   * may have rolled back, or another process may have appended since: it is used only when the
   * head read under the lock has exactly its size and chain hash, and rebuilt otherwise.
   */
  private cached: (LedgerHead & { range: CompactRange }) | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * Appends `entries` in order. An entry that breaks the record rules throws InvalidRecordError
   * (the caller's transaction then rolls back), unless `onInvalid` is given: it is then told and
   * the entry left out (batches gathered from many callers must not fail for one bad entry).
   *
   * On PostgreSQL, once this process has appended, the records are sealed before the lock on the
   * head it last wrote, which is nearly always the head found under the lock (meanwhile
   * PostgreSQL still runs whatever the caller sent before, e.g. its own rows), and locked, checked
   * and written in one round trip (`audit_ledger_append_if_head`, migration 203). Only when the
   * head moved (another process appended, or the transaction that wrote the cached head rolled
   * back) are they sealed again on the head read under the lock, so the records are the same
   * either way.
   */
  async append(tx: Transaction, entries: readonly AuditEntry[], onInvalid?: (entry: AuditEntry, error: InvalidRecordError) => void): Promise<AppendResult> {
    const cached = this.cached;
    if (entries.length > 0 && cached && tx.dialect === 'postgres' && tx.lockKey) {
      const early = this.trySeal(entries, cached);
      // With an invalid entry, the usual path: it is reported once, after the lock.
      if (early && early.invalid.length === 0) {
        const { head, appended } = await appendIfHead(tx, tx.lockKey(LEDGER_LOCK), early);
        if (appended) return this.appended(early);
        return this.write(tx, this.seal(entries, head, await this.getRange(tx, head)), onInvalid);
      }
    }
    const head = await lockLedgerHead(tx);
    if (entries.length === 0) return { ...head, firstSeq: head.size + 1 };
    return this.write(tx, this.seal(entries, head, await this.getRange(tx, head)), onInvalid);
  }

  /** Sealed on `head`, or undefined if sealing failed (it fails again, and is reported, on the head under the lock). */
  private trySeal(entries: readonly AuditEntry[], head: LedgerHead & { range: CompactRange }): SealedAppend | undefined {
    try {
      return this.seal(entries, head, head.range);
    } catch {
      return undefined;
    }
  }

  /** Writes records sealed on the head read under the lock (held). */
  private async write(tx: Transaction, sealed: SealedAppend, onInvalid: ((entry: AuditEntry, error: InvalidRecordError) => void) | undefined): Promise<AppendResult> {
    for (const { entry, error } of sealed.invalid) {
      if (!onInvalid) throw error;
      onInvalid(entry, error);
    }
    // On PostgreSQL one statement (one round trip) for the four tables.
    await insertRowsTogether(tx, ledgerInserts(sealed), LEDGER_ROWS_PER_STATEMENT);
    return this.appended(sealed);
  }

  /** The result of a written append; its head (and tree range) cached for the next. */
  private appended(sealed: SealedAppend): AppendResult {
    const { head, rows, range, chainHash } = sealed;
    if (rows.length === 0) return { ...head, firstSeq: head.size + 1 };
    const result = { firstSeq: head.size + 1, size: head.size + rows.length, chainHash };
    this.cached = { size: result.size, chainHash: result.chainHash, range };
    return result;
  }

  /**
   * The rows of `entries` appended after `head`, whose compact range is `base` (copied, never
   * changed): valid entries get consecutive seq; invalid ones are listed, not thrown, so the
   * caller decides once which head the rows are for.
   */
  private seal(entries: readonly AuditEntry[], head: LedgerHead, base: CompactRange): SealedAppend {
    const completed: TreeNodeHash[] = [];
    const range = CompactRange.fromData(base.toData(), { onNode: node => isStoredNode(node) && completed.push(node) });
    const recordedAt = this.now().toISOString();
    const rows: SqlValue[][] = [];
    const instanceRows: SqlValue[][] = [];
    const studyRows: SqlValue[][] = [];
    const invalid: SealedAppend['invalid'] = [];
    let chain: Buffer = Buffer.from(head.chainHash, 'hex');
    for (const entry of entries) {
      const content = toContent(entry, head.size + rows.length + 1, recordedAt);
      let canonical: string;
      try {
        canonical = sealContent(content);
      } catch (error) {
        if (!(error instanceof InvalidRecordError)) throw error;
        invalid.push({ entry, error });
        continue;
      }
      const leaf = hashLeaf(canonical);
      chain = hashChainLink(chain, leaf);
      range.appendLeaf(leaf);
      const subject = content.subject;
      const sops = subject.SOPInstanceUIDs ? [...new Set(subject.SOPInstanceUIDs)] : [];
      rows.push([content.seq, subject.StudyInstanceUID ?? null, subject.SeriesInstanceUID ?? null, sops.length, canonical, leaf.toString('hex'), chain.toString('hex')]);
      for (const sop of sops) instanceRows.push([sop, content.seq]);
      for (const study of getNamedStudies(content.detail)) studyRows.push([study, content.seq]);
    }
    return { head: { size: head.size, chainHash: head.chainHash }, rows, instanceRows, studyRows, completed, range, chainHash: chain.toString('hex'), invalid };
  }

  private async getRange(tx: Transaction, head: LedgerHead): Promise<CompactRange> {
    const cached = this.cached;
    if (cached && cached.size === head.size && cached.chainHash === head.chainHash) return cached.range;
    return readCompactRange(tx, head.size);
  }
}

/** The four tables' rows of sealed records. */
function ledgerInserts(sealed: SealedAppend): RowsInsert[] {
  return [
    { table: 'audit_ledger', columns: LEDGER_COLUMNS, rows: sealed.rows },
    { table: 'audit_ledger_instances', columns: INSTANCE_COLUMNS, rows: sealed.instanceRows },
    { table: 'audit_ledger_studies', columns: STUDY_COLUMNS, rows: sealed.studyRows },
    { table: 'audit_tree_nodes', columns: NODE_COLUMNS, rows: sealed.completed.map(n => [n.level, n.index, Buffer.from(n.hash)]) },
  ];
}

/**
 * PostgreSQL: takes the ledger lock and writes `sealed` if the head under it is the one they were
 * sealed on (`appended`); otherwise writes nothing and returns that head, the lock held.
 */
async function appendIfHead(tx: Transaction, lockKey: string, sealed: SealedAppend): Promise<{ head: LedgerHead; appended: boolean }> {
  const [records, instances, studies, nodes] = ledgerInserts(sealed).map(insert => toJson(insert.columns, insert.rows));
  const row = await tx.queryOne<{ head_seq: number | null; head_chain_hash: string | null; appended: boolean }>(
    'SELECT head_seq, head_chain_hash, appended FROM audit_ledger_append_if_head(?::bigint, ?::bigint, ?, ?::json, ?::json, ?::json, ?::json)',
    [lockKey, sealed.head.size, sealed.head.chainHash, records!, instances!, studies!, nodes!],
  );
  const head = row?.head_seq != null && row.head_chain_hash !== null ? { size: Number(row.head_seq), chainHash: row.head_chain_hash } : { size: 0, chainHash: GENESIS_HEX };
  return { head, appended: row?.appended === true };
}

/** `detail.StudyInstanceUIDs` (a QIDO study search names the studies it returned), deduplicated. */
function getNamedStudies(detail: LedgerRecordContent['detail']): string[] {
  const named = detail.StudyInstanceUIDs;
  return Array.isArray(named) ? [...new Set(named.filter((uid): uid is string => typeof uid === 'string'))] : [];
}

function toContent(entry: AuditEntry, seq: number, recordedAt: string): LedgerRecordContent {
  return { seq, recordedAt, kind: entry.kind, actor: entry.actor, subject: entry.subject ?? {}, detail: entry.detail ?? {} };
}

/** The canonical JSON of valid content; InvalidRecordError naming every broken rule otherwise. */
export function sealContent(content: LedgerRecordContent): string {
  const problems = validateRecordContent(content);
  if (problems.length === 0) {
    try {
      return canonicalizeRecordContent(content);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  throw new InvalidRecordError(problems);
}

/** The rules an entry breaks, checked as the append would (seq and time stand in); empty when valid. */
export function checkEntry(entry: AuditEntry): string[] {
  try {
    sealContent(toContent(entry, 1, '2000-01-01T00:00:00.000Z'));
    return [];
  } catch (error) {
    return error instanceof InvalidRecordError ? error.problems : [String(error)];
  }
}
