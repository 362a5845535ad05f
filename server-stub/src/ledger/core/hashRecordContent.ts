/**
 * What exactly a record's leaf hash covers. Fixed forever: changing it breaks every existing
 * ledger. Documented in docs/audit-ledger.md, "Record format and hashing".
 *
 * leafHash = SHA-256(0x00 || JCS({ seq, recordedAt, kind, actor, subject, detail }))
 *
 * - All six content fields, including `seq` (so a record cannot be moved to another position)
 *   and `recordedAt` (so its time cannot be changed).
 * - Not `leafHash` and `chainHash` (they are derived from it), and nothing else a store keeps
 *   next to a record (row ids, indexes): unknown top-level fields are not part of the record.
 * - `actor` and `subject` are hashed whole, every property they have; a property whose value
 *   is `undefined` counts as absent (TypeScript optional fields; JSON cannot carry undefined).
 * - `detail` must be JSON data as it is; anything else is an error, never silently dropped.
 */
import { CanonicalJsonError, canonicalizeJson, canonicalizeJsonSkippingUndefinedMembers } from './canonicalizeJson.js';
import type { LedgerRecordContent } from './ledgerRecord.js';
import { hashLeaf } from './treeHashes.js';

/** The object whose canonical JSON is hashed: the definition (canonicalizeRecordContent is the fast path). */
export function getHashedRecordContent(record: LedgerRecordContent): Record<string, unknown> {
  return {
    seq: record.seq,
    recordedAt: record.recordedAt,
    kind: record.kind,
    actor: dropUndefinedProperties(record.actor),
    subject: dropUndefinedProperties(record.subject),
    detail: record.detail,
  };
}

function dropUndefinedProperties(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return value; // not plain: let JCS reject it
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    if (source[key] === undefined) {
      copy ??= { ...source };
      delete copy[key];
    }
  }
  return copy ?? value;
}

/**
 * The canonical JSON the leaf hash covers: JCS(getHashedRecordContent(record)), written out
 * field by field (already in JCS order) to spare the verifier an object per record.
 * Throws CanonicalJsonError for content that is not JSON data.
 */
export function canonicalizeRecordContent(record: LedgerRecordContent): string {
  let field = 'actor';
  try {
    const actor = canonicalizeJsonSkippingUndefinedMembers(record.actor);
    field = 'detail';
    const detail = canonicalizeJson(record.detail);
    field = 'kind';
    const kind = canonicalizeJson(record.kind);
    field = 'recordedAt';
    const recordedAt = canonicalizeJson(record.recordedAt);
    field = 'seq';
    const seq = canonicalizeJson(record.seq);
    field = 'subject';
    const subject = canonicalizeJsonSkippingUndefinedMembers(record.subject);
    return `{"actor":${actor},"detail":${detail},"kind":${kind},"recordedAt":${recordedAt},"seq":${seq},"subject":${subject}}`;
  } catch (error) {
    throw error instanceof CanonicalJsonError ? error.within(field) : error;
  }
}

/** leafHash = SHA-256(0x00 || JCS(content)). */
export function hashRecordContent(record: LedgerRecordContent): Buffer {
  return hashLeaf(canonicalizeRecordContent(record));
}
