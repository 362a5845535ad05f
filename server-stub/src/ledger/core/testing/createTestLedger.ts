/**
 * Test support: deterministic ledgers with signed checkpoints, for this folder's tests and
 * for the store's. Not used at run time.
 */
import { signCheckpoint } from '../checkpoint.js';
import { GENESIS_CHAIN_HASH } from '../hashChainLink.js';
import { InMemoryMerkleTree } from '../InMemoryMerkleTree.js';
import type { LedgerRecord, LedgerRecordContent } from '../ledgerRecord.js';
import { generateNoteKeyPair, parseSignerKey, type NoteSigner } from '../noteKeys.js';
import { sealRecord } from '../sealRecord.js';

export const TEST_ORIGIN = 'readingroom.test/audit';

const KINDS = ['label.created', 'study.opened', 'dicomweb.retrieve', 'access.denied', 'label.reviewed'];

/** Record content number `seq` of a deterministic ledger (varied kinds, subjects and details). */
export function createTestRecordContent(seq: number, seed = 1): LedgerRecordContent {
  const n = seq * 7919 + seed * 104729;
  return {
    seq,
    recordedAt: new Date(Date.UTC(2025, 0, 31, 8, 0, 0) + seq * 1013 + seed).toISOString(),
    kind: KINDS[n % KINDS.length]!,
    actor: n % 3 === 0 ? { userId: `u-${n % 11}` } : { userId: `u-${n % 11}`, role: n % 2 ? 'labeler' : 'reviewer', clientId: `viewer-${n % 5}` },
    subject: {
      StudyInstanceUID: `1.2.826.0.1.3680043.8.498.${n % 97}`,
      ...(n % 4 === 0 ? { SOPInstanceUIDs: [`1.2.3.${n % 13}`, `1.2.3.${(n % 13) + 1}`] } : {}),
      ...(n % 2 === 0 ? { labelId: `lbl-${n % 31}`, labelVersion: 1 + (n % 4) } : {}),
    },
    detail: { n, ratio: (n % 1000) / 7, note: n % 5 === 0 ? 'Befund: Rundherd \u00f6 \u20ac \ud83d\ude00' : 'ok', tags: [n % 2 === 0, null] },
  };
}

/** Seals contents in order into records (chaining from `previousChainHash`). */
export function sealTestRecords(contents: readonly LedgerRecordContent[], previousChainHash: string | Uint8Array = GENESIS_CHAIN_HASH): LedgerRecord[] {
  const records: LedgerRecord[] = [];
  let chain = previousChainHash;
  for (const content of contents) {
    const record = sealRecord(content, chain);
    records.push(record);
    chain = record.chainHash;
  }
  return records;
}

export interface TestLedger {
  records: LedgerRecord[];
  checkpoints: string[];
  signer: NoteSigner;
  verifierKey: string;
  /** Signs a checkpoint over the given records' first `treeSize` leaves, as the server would. */
  signAt: (records: readonly LedgerRecord[], treeSize: number) => string;
}

export function createTestLedger(count: number, checkpointSizes: readonly number[] = [], seed = 1): TestLedger {
  const keys = generateNoteKeyPair(TEST_ORIGIN);
  const signer = parseSignerKey(keys.signerKey);
  const records = sealTestRecords(Array.from({ length: count }, (_, i) => createTestRecordContent(i + 1, seed)));
  const signAt = (from: readonly LedgerRecord[], treeSize: number): string => {
    const tree = InMemoryMerkleTree.fromLeafHashes(from.slice(0, treeSize).map(r => Buffer.from(r.leafHash, 'hex')));
    return signCheckpoint({ origin: TEST_ORIGIN, treeSize, rootHash: tree.getRootHash() }, signer);
  };
  return { records, checkpoints: checkpointSizes.map(size => signAt(records, size)), signer, verifierKey: keys.verifierKey, signAt };
}
