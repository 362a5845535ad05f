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
import { canonicalizeJson } from './canonicalizeJson.js';
import type { LedgerRecordContent } from './ledgerRecord.js';
import { hashLeaf } from './treeHashes.js';

/** The object whose canonical JSON is hashed. */
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

/** The canonical JSON text the leaf hash is computed over. Throws CanonicalJsonError for non-JSON content. */
export function canonicalizeRecordContent(record: LedgerRecordContent): string {
  return canonicalizeJson(getHashedRecordContent(record));
}

/** leafHash = SHA-256(0x00 || JCS(content)). */
export function hashRecordContent(record: LedgerRecordContent): Buffer {
  return hashLeaf(canonicalizeRecordContent(record));
}
