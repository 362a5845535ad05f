import { createHash } from 'node:crypto';
import type { LabelSnapshot } from '@readingroom/platform-shim';
import { canonicalizeJson } from '../../ledger/core/index.js';

/**
 * The canonical form of a snapshot and its content hash: SHA-256 (hex) of the RFC 8785 JSON,
 * so the hash depends on the data only, never on key order or number formatting. The canonical
 * text is what gets stored, so anyone can recompute the hash from a version row.
 */
export function hashLabelSnapshot(snapshot: LabelSnapshot): { canonical: string; contentHash: string } {
  const canonical = canonicalizeJson(snapshot);
  return { canonical, contentHash: createHash('sha256').update(canonical).digest('hex') };
}
