/**
 * The audit ledger's pure core: record hashing (RFC 8785 JCS, RFC 6962 leaves), the hash
 * chain, the Merkle tree and its proofs (RFC 9162), signed checkpoints (C2SP), and the
 * verifier behind `readingroom audit verify`. No I/O: plain data in, plain data out.
 * See docs/audit-ledger.md.
 */
export type {
  AuditActor,
  AuditSubject,
  CanonicalLedgerRecord,
  JsonValue,
  LedgerRecord,
  LedgerRecordContent,
  StoredLedgerRecord,
} from './ledgerRecord.js';
export { CanonicalJsonError, canonicalizeJson } from './canonicalizeJson.js';
export { canonicalizeRecordContent, getHashedRecordContent, hashRecordContent } from './hashRecordContent.js';
export { validateRecordContent } from './validateRecordContent.js';
export { InvalidRecordError, sealRecord } from './sealRecord.js';
export { parseCanonicalRecord, toCanonicalRecord } from './canonicalRecord.js';
export { GENESIS_CHAIN_HASH, hashChainLink } from './hashChainLink.js';
export { areHashesEqual, EMPTY_TREE_HASH, HASH_SIZE, hashChildren, hashLeaf, type Hash } from './treeHashes.js';
export { decomposeRange, getNodeRange, getSplitPoint, type LeafRange, type TreeNodeId } from './treeNodes.js';
export { CompactRange, type CompactRangeData, type CompactRangeOptions, type TreeNodeHash } from './CompactRange.js';
export { assembleProof, foldNodeHashes, planConsistencyProof, planInclusionProof, planRootHash, type ProofPlan } from './planProof.js';
export { InMemoryMerkleTree } from './InMemoryMerkleTree.js';
export { verifyConsistencyProof, verifyInclusionProof, type ConsistencyProofInput, type InclusionProofInput } from './verifyProofs.js';
export { NoteError, type NoteErrorCode } from './NoteError.js';
export {
  computeKeyId,
  formatSignerKey,
  formatSignerKeyPem,
  formatVerifierKey,
  generateNoteKeyPair,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from './noteKeys.js';
export { openNote, parseNote, signNote, type NoteSignature, type OpenedNote } from './signedNote.js';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint, type OpenedCheckpoint } from './checkpoint.js';
export type { LedgerFailed, LedgerProblem, LedgerProblemKind, LedgerVerificationReport, LedgerVerified } from './ledgerProblem.js';
export { summarizeRecordPage, type PageProblem, type RecordPageSummary } from './summarizeRecordPage.js';
export { LedgerVerifier, type LedgerVerifierOptions } from './LedgerVerifier.js';
export { verifyLedger } from './verifyLedger.js';
