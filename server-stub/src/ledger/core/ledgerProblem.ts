/** What `readingroom audit verify` reports. Plain data, ready to print or serialize. */

export type LedgerProblemKind =
  /** A record cannot be read as a ledger record (missing seq or hashes, content not JSON data). */
  | 'malformed'
  /** A record's content does not match its stored leaf hash. */
  | 'modified'
  /** A gap in seq: records are missing. */
  | 'deleted'
  /** A seq appears twice: a record was added. */
  | 'inserted'
  /** Records are out of seq order. */
  | 'reordered'
  /**
   * A record's chain hash does not follow from the previous record: records were inserted,
   * removed or reordered and renumbered with fresh leaf hashes, or a record was replaced
   * together with its leaf hash, or the chain hash itself was edited.
   */
  | 'chain-broken'
  /** Fewer records than a signed checkpoint covers. */
  | 'truncated'
  /** The records do not produce the root hash a signed checkpoint states for their size. */
  | 'root-mismatch'
  /** A checkpoint's signature does not verify with the ledger's key, or it has none from it. */
  | 'bad-signature'
  /** A checkpoint is not a well-formed signed checkpoint of this ledger. */
  | 'bad-checkpoint'
  /** Two signed checkpoints cannot both be states of one append-only ledger. */
  | 'inconsistent-checkpoints';

export interface LedgerProblem {
  kind: LedgerProblemKind;
  /** The first record affected, when the problem is about a record. */
  seq?: number;
  /** The checkpoint's tree size, when the problem is about a checkpoint. */
  checkpointSize?: number;
  /** One or two sentences for the operator. */
  message: string;
}

export interface LedgerVerified {
  ok: true;
  /** Records checked (the tree size). */
  records: number;
  /** Signed checkpoints checked (notes, duplicates included). */
  checkpoints: number;
  /** Root hash (hex) of the tree over all records. */
  rootHash: string;
  /** Chain hash (hex) of the last record. */
  chainHash: string;
  /** Size of the latest signed checkpoint (0 without checkpoints). */
  latestCheckpointSize: number;
  /** Records after the latest checkpoint: protected by the chain only, not yet by a signature. */
  unanchoredRecords: number;
}

export interface LedgerFailed {
  ok: false;
  /** The first problem in ledger order. */
  problem: LedgerProblem;
  /** Records accepted before the problem. */
  records: number;
}

export type LedgerVerificationReport = LedgerVerified | LedgerFailed;
