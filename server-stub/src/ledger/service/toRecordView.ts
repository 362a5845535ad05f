import type { AuditLedgerRecord, SignedCheckpoint } from '@readingroom/platform-shim';
import { parseCanonicalRecord, type CanonicalLedgerRecord } from '../core/index.js';
import type { StoredCheckpoint } from '../checkpoints/checkpointStore.js';

/** A stored record as the API shows it: its fields and the exact text its leaf hash covers. */
export function toRecordView(record: CanonicalLedgerRecord): AuditLedgerRecord {
  const { seq, recordedAt, kind, actor, subject, detail, leafHash, chainHash } = parseCanonicalRecord(record);
  return { seq, recordedAt, kind, actor, subject, detail, canonicalContent: record.canonicalContent, leafHash, chainHash };
}

export function toCheckpointView(checkpoint: StoredCheckpoint): SignedCheckpoint {
  return { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, note: checkpoint.note, signedAt: checkpoint.signedAt };
}
