/**
 * Converting between the two stored forms of a record, and reading `seq` from canonical
 * content without parsing all of it (the verifier must check the seq column against the
 * hashed text, for every record).
 */
import { canonicalizeRecordContent } from './hashRecordContent.js';
import type { CanonicalLedgerRecord, LedgerRecord } from './ledgerRecord.js';

export function toCanonicalRecord(record: LedgerRecord): CanonicalLedgerRecord {
  return { seq: record.seq, canonicalContent: canonicalizeRecordContent(record), leafHash: record.leafHash, chainHash: record.chainHash };
}

/** The record's fields, parsed from its canonical content (trust it only after verification). */
export function parseCanonicalRecord(record: CanonicalLedgerRecord): LedgerRecord {
  const content = JSON.parse(record.canonicalContent) as Omit<LedgerRecord, 'leafHash' | 'chainHash'>;
  return { ...content, leafHash: record.leafHash, chainHash: record.chainHash };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The number in the top-level "seq" member of a JSON object text, or undefined. Scans
 * members, skipping values by their brackets and strings; it never builds the values, so it
 * costs a fraction of JSON.parse.
 */
export function readTopLevelSeq(text: string): number | undefined {
  if (text.charCodeAt(0) !== 0x7b) return undefined;
  let i = 1;
  while (i < text.length && text.charCodeAt(i) === QUOTE) {
    const keyEnd = skipString(text, i);
    const isSeq = keyEnd === i + 5 && text.startsWith('"seq"', i);
    if (keyEnd < 0 || text.charCodeAt(keyEnd) !== 0x3a) return undefined;
    const valueEnd = skipValue(text, keyEnd + 1);
    if (valueEnd < 0) return undefined;
    if (isSeq) {
      const value = text.slice(keyEnd + 1, valueEnd);
      return /^(?:0|[1-9][0-9]*)$/.test(value) ? Number(value) : undefined;
    }
    if (text.charCodeAt(valueEnd) !== 0x2c) return undefined;
    i = valueEnd + 1;
  }
  return undefined;
}

/** Index just past the string starting at `start` (a quote), or -1. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** Index just past the JSON value starting at `start`, or -1. */
function skipValue(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
      if (i < 0) return -1;
    } else {
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d || c === 0x2c) {
        if (depth === 0) return i;
        if (c !== 0x2c) depth--;
      }
      i++;
    }
    if (depth === 0 && (text.charCodeAt(i) === 0x2c || text.charCodeAt(i) === 0x7d)) return i;
  }
  return -1;
}
