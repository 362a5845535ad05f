/** The signed checkpoints as stored: append-only, one per tree size. */
import type { SqlExecutor } from '../../stores/db/Database.js';

export interface StoredCheckpoint {
  treeSize: number;
  /** Root hash, lower-case hex. */
  rootHash: string;
  /** The signed note (C2SP tlog-checkpoint). */
  note: string;
  signedAt: string;
}

interface CheckpointRow {
  tree_size: number;
  root_hash: string;
  note: string;
  signed_at: string;
}

const COLUMNS = 'tree_size, root_hash, note, signed_at';
const fromRow = (row: CheckpointRow): StoredCheckpoint => ({ treeSize: Number(row.tree_size), rootHash: row.root_hash, note: row.note, signedAt: row.signed_at });

export async function insertCheckpoint(db: SqlExecutor, checkpoint: StoredCheckpoint): Promise<void> {
  await db.run(`INSERT INTO audit_checkpoints (${COLUMNS}) VALUES (?, ?, ?, ?)`, [checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt]);
}

export async function readLatestCheckpoint(db: SqlExecutor): Promise<StoredCheckpoint | undefined> {
  const row = await db.queryOne<CheckpointRow>(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`);
  return row && fromRow(row);
}

export async function readCheckpoint(db: SqlExecutor, treeSize: number): Promise<StoredCheckpoint | undefined> {
  const row = await db.queryOne<CheckpointRow>(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE tree_size = ?`, [treeSize]);
  return row && fromRow(row);
}

/** Every checkpoint, oldest first (a few per hour: small). */
export async function readCheckpoints(db: SqlExecutor): Promise<StoredCheckpoint[]> {
  return (await db.query<CheckpointRow>(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY tree_size`)).map(fromRow);
}
