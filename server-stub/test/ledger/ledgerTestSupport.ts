import type { SqlExecutor } from '../../src/stores/db/Database.js';
import type { CanonicalLedgerRecord } from '../../src/ledger/core/index.js';
import type { AuditEntry } from '../../src/ledger/AuditRecorder.js';

/** Every stored record, in seq order, as the verifier reads them. */
export async function readAllRecords(db: SqlExecutor): Promise<CanonicalLedgerRecord[]> {
  const rows = await db.query<{ seq: number; canonical_content: string; leaf_hash: string; chain_hash: string }>(
    'SELECT seq, canonical_content, leaf_hash, chain_hash FROM audit_ledger ORDER BY seq',
  );
  return rows.map(row => ({ seq: Number(row.seq), canonicalContent: row.canonical_content, leafHash: row.leaf_hash, chainHash: row.chain_hash }));
}

/** A synthetic entry: DICOM UIDs under the 2.25 root, never real patient data. */
export function makeEntry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    kind: 'study.opened',
    actor: { userId: `user-${i % 3}`, role: 'labeler', clientId: 'test-client' },
    subject: { StudyInstanceUID: `2.25.${1000 + (i % 5)}`, SeriesInstanceUID: `2.25.${2000 + (i % 5)}.1`, SOPInstanceUIDs: [`2.25.${3000 + i}`] },
    // Now and then a record that names further studies (as a QIDO search's does).
    detail: i % 100 === 0 ? { i, StudyInstanceUIDs: [`2.25.${1000 + (i % 5)}`, '2.25.999'] } : { i },
    ...overrides,
  };
}
