/**
 * The audit ledger's record shapes. Plain data: the store persists them, the verifier reads
 * them back, and both sides hash exactly the same fields (see getHashedRecordContent.ts).
 */

/** Who did it, as the server established it (never as the client claimed it). */
export interface AuditActor {
  userId: string;
  role?: string;
  /** The viewer session or API client that carried the request. */
  clientId?: string;
}

/** What it was done to. DICOM keywords keep the standard's spelling. */
export interface AuditSubject {
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  SOPInstanceUIDs?: string[];
  labelId?: string;
  labelVersion?: number;
  /** Hash of the content the event refers to (a label revision, an export), as `sha256:<hex>` or similar. */
  contentHash?: string;
}

/** JSON data as the ledger accepts it (no undefined, no class instances). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A record's content: everything the leaf hash covers. */
export interface LedgerRecordContent {
  /** Position in the ledger: 1, 2, 3, ... without gaps. */
  seq: number;
  /** Server UTC time, RFC 3339 with milliseconds: `2025-01-31T08:15:00.000Z`. */
  recordedAt: string;
  /** Dotted event kind: `label.created`, `study.opened`, `dicomweb.retrieve`, `access.denied`, ... */
  kind: string;
  actor: AuditActor;
  subject: AuditSubject;
  detail: { [key: string]: JsonValue };
}

/** A record as stored: its content plus the two hashes derived from it (lowercase hex, 64 digits). */
export interface LedgerRecord extends LedgerRecordContent {
  /** RFC 6962 leaf hash: SHA-256(0x00 || JCS(content)). */
  leafHash: string;
  /** SHA-256(previous chainHash || leafHash), starting from GENESIS_CHAIN_HASH. */
  chainHash: string;
}

/**
 * A stored record whose content is kept as the exact canonical JSON its leaf hash covers
 * (a TEXT column, not a re-encoding JSON type such as PostgreSQL jsonb). The verifier then
 * hashes the text as stored instead of re-canonicalizing, about twice as fast.
 */
export interface CanonicalLedgerRecord {
  seq: number;
  /** JCS({ seq, recordedAt, kind, actor, subject, detail }), as canonicalizeRecordContent writes it. */
  canonicalContent: string;
  leafHash: string;
  chainHash: string;
}

/** Either stored form; the verifier accepts both, even mixed. */
export type StoredLedgerRecord = LedgerRecord | CanonicalLedgerRecord;
