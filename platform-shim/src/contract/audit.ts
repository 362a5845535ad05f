/**
 * The audit ledger's API: signed checkpoints, inclusion and consistency proofs, and the
 * auditor's trail of a study or an instance. Hashes are lower-case hex; a checkpoint also comes
 * as its signed note (C2SP tlog-checkpoint), whose root is base64 as that format says.
 * Formats and meaning: docs/audit-ledger.md.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Timestamp, Uid } from './common.js';

export const HexHash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' });

/** A record of the ledger: its fields, and the exact canonical JSON its leaf hash covers. */
export const AuditLedgerRecord = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  recordedAt: Timestamp,
  kind: Type.String({ description: 'label.created, study.opened, dicomweb.retrieve, export.created, user.login, access.denied, …' }),
  actor: Type.Object({ userId: Type.String(), role: Type.Optional(Type.String()), clientId: Type.Optional(Type.String()) }),
  subject: Type.Object({
    StudyInstanceUID: Type.Optional(Uid),
    SeriesInstanceUID: Type.Optional(Uid),
    SOPInstanceUIDs: Type.Optional(Type.Array(Uid)),
    labelId: Type.Optional(Type.String()),
    labelVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    contentHash: Type.Optional(Type.String()),
  }),
  detail: Type.Record(Type.String(), Type.Unknown()),
  /** SHA-256(0x00 || canonicalContent) must equal leafHash: anyone can recompute it. */
  canonicalContent: Type.String(),
  leafHash: HexHash,
  chainHash: HexHash,
});
export type AuditLedgerRecord = Static<typeof AuditLedgerRecord>;

export const SignedCheckpoint = Type.Object({
  treeSize: Type.Integer({ minimum: 1 }),
  rootHash: HexHash,
  /** The signed note: origin, tree size, base64 root, a blank line and the Ed25519 signature line. */
  note: Type.String(),
  signedAt: Timestamp,
});
export type SignedCheckpoint = Static<typeof SignedCheckpoint>;

export const LatestCheckpoint = Type.Object({
  /** The ledger's origin (the checkpoints' first line). */
  origin: Type.String(),
  /** The key the checkpoints are signed with; compare it with the copy the site gave you. */
  verifierKey: Type.String(),
  checkpoint: SignedCheckpoint,
});
export type LatestCheckpoint = Static<typeof LatestCheckpoint>;

/** RFC 9162 §2.1.3 audit path of leaf `leafIndex` (= seq − 1) in the tree of size `treeSize`. */
export const InclusionProof = Type.Object({
  leafIndex: Type.Integer({ minimum: 0 }),
  treeSize: Type.Integer({ minimum: 1 }),
  hashes: Type.Array(HexHash),
});
export type InclusionProof = Static<typeof InclusionProof>;

export const RecordInclusion = Type.Object({
  record: AuditLedgerRecord,
  /** Against `checkpoint`; null while the record is newer than the latest checkpoint. */
  inclusionProof: Type.Union([InclusionProof, Type.Null()]),
  checkpoint: Type.Union([SignedCheckpoint, Type.Null()]),
});
export type RecordInclusion = Static<typeof RecordInclusion>;

/** RFC 9162 §2.1.4 proof that the tree of size `to` extends the tree of size `from`. */
export const ConsistencyProof = Type.Object({
  from: SignedCheckpoint,
  to: SignedCheckpoint,
  hashes: Type.Array(HexHash),
});
export type ConsistencyProof = Static<typeof ConsistencyProof>;

export const ConsistencyProofQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 1, description: 'Tree size of the older checkpoint.' }),
    to: Type.Optional(Type.Integer({ minimum: 1, description: 'Tree size of the newer checkpoint; the latest when omitted.' })),
  },
  { additionalProperties: false },
);
export type ConsistencyProofQuery = Static<typeof ConsistencyProofQuery>;

export const AuditTrailQuery = Type.Object(
  {
    sopInstanceUid: Type.Optional(Uid),
    studyInstanceUid: Type.Optional(Uid),
    /** Continue after this seq (the previous page's `next`). */
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type AuditTrailQuery = Static<typeof AuditTrailQuery>;

export const AUDIT_TRAIL_ACTIVITIES = ['viewed', 'labeled', 'reviewed', 'exported', 'stored', 'queried', 'access', 'other'] as const;
export type AuditTrailActivity = (typeof AUDIT_TRAIL_ACTIVITIES)[number];

export const AuditTrailEntry = Type.Object({
  /** What the record means for the trail: viewed (opened, displayed, retrieved), labeled, reviewed, exported, … */
  activity: Type.Union(AUDIT_TRAIL_ACTIVITIES.map(a => Type.Literal(a))),
  record: AuditLedgerRecord,
  /** Against the response's checkpoint; null for records newer than it. */
  inclusionProof: Type.Union([InclusionProof, Type.Null()]),
});
export type AuditTrailEntry = Static<typeof AuditTrailEntry>;

export const AuditTrail = Type.Object({
  StudyInstanceUID: Type.Optional(Uid),
  SeriesInstanceUID: Type.Optional(Uid),
  SOPInstanceUID: Type.Optional(Uid),
  /** The latest signed checkpoint, which every inclusion proof is against (null: none yet). */
  checkpoint: Type.Union([SignedCheckpoint, Type.Null()]),
  origin: Type.String(),
  verifierKey: Type.String(),
  /** In ledger order. */
  entries: Type.Array(AuditTrailEntry),
  /** Pass as `after` for the next page; absent on the last page. */
  next: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type AuditTrail = Static<typeof AuditTrail>;

/**
 * How `GET /audit/records/:seq` answers: the record as JSON (`AuditLedgerRecord`), a DICOM
 * PS3.15 A.5 audit message (application/xml) or a FHIR R4 AuditEvent following IHE BALP
 * (application/fhir+json). Mapping of kinds to event codes: docs/audit-ledger.md, "Renderings".
 */
export const AUDIT_RECORD_FORMATS = ['json', 'dicom-audit-xml', 'fhir-audit-event'] as const;
export type AuditRecordFormat = (typeof AUDIT_RECORD_FORMATS)[number];

export const AuditRecordQuery = Type.Object(
  { format: Type.Optional(Type.Union(AUDIT_RECORD_FORMATS.map(f => Type.Literal(f)), { description: 'json (default), dicom-audit-xml or fhir-audit-event' })) },
  { additionalProperties: false },
);
export type AuditRecordQuery = Static<typeof AuditRecordQuery>;
