/**
 * summarizeCanonicalPage for records still in the bytes they were read as (PostgreSQL's binary
 * COPY output): no string per field, no re-encoding of the text to hash it, hashes compared as
 * bytes. It accepts a page only where summarizeCanonicalPage would accept the records decoded
 * from those bytes (as UTF-8, the way node-postgres decodes text), with the same result: every
 * text is valid UTF-8 (then decoding and encoding again gives back the same bytes), stored
 * hashes are exactly 64 lowercase hex digits, and the hashed seq is read by a byte scanner that
 * answers only where FLAT_RECORD_SEQ matches, with its digits (else the text is decoded for
 * readTopLevelSeq). Anything else gives up (undefined): the caller decodes the records and takes
 * the string path, which describes problems.
 */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { readTopLevelSeq } from './canonicalRecord.js';
import { toCanonicalPageResult, type CanonicalPageResult } from './summarizeCanonicalPage.js';
import { HASH_SIZE } from './treeHashes.js';

/**
 * Rows as offsets into `data`: per row FIELDS numbers, the offset and length of the canonical
 * content, of the stored leaf hash and of the stored chain hash (length -1: NULL). The byte just
 * before each content is the last byte of its length word: it is set to 0x00 while the content
 * is hashed (the leaf hash is SHA-256 of 0x00 || content), then restored.
 */
export interface CanonicalRows {
  data: Buffer;
  /** Each row's seq column (for NULL any number no position has, such as 0). */
  seqs: Float64Array;
  fields: Int32Array;
}

export const FIELDS = 6;
const HEX_DIGITS = 2 * HASH_SIZE;

/** Lowercase hex digit values; 0x100 for every other byte, so a pair with one never equals a byte. */
const HEX_VALUE = new Uint16Array(256).fill(0x100);
for (let d = 0; d < 16; d++) HEX_VALUE['0123456789abcdef'.charCodeAt(d)] = d;

/** Rows [from, to) as ledger positions startIndex, startIndex + 1, ... if every one passes; else undefined. */
export function summarizeCanonicalRows(rows: CanonicalRows, from: number, to: number, startIndex: number, minNodeLevel = Infinity): CanonicalPageResult | undefined {
  const { data, seqs, fields } = rows;
  const count = to - from;
  if (count <= 0 || !Number.isSafeInteger(startIndex) || startIndex < 0) return undefined;
  const leaves = Buffer.allocUnsafe(count * HASH_SIZE);
  // previous chain hash || leaf hash
  const link = Buffer.allocUnsafe(2 * HASH_SIZE);
  for (let i = 0; i < count; i++) {
    const row = (from + i) * FIELDS;
    const seq = startIndex + i + 1;
    const contentAt = fields[row]!;
    const contentLength = fields[row + 1]!;
    if (seqs[from + i] !== seq || contentLength < 0 || fields[row + 3] !== HEX_DIGITS || fields[row + 5] !== HEX_DIGITS) return undefined;
    const lengthByte = data[contentAt - 1]!;
    data[contentAt - 1] = 0;
    // 0x00 || content, one view for both: a lone 0x00 is valid UTF-8, so it is valid iff the content is.
    // (A Uint8Array view costs less to make than a Buffer's subarray.)
    const hashed = new Uint8Array(data.buffer, data.byteOffset + contentAt - 1, contentLength + 1);
    const leaf = isUtf8(hashed) ? hash('sha256', hashed, 'binary') : undefined;
    data[contentAt - 1] = lengthByte;
    if (leaf === undefined) return undefined;
    const at = i * HASH_SIZE;
    // The stored leaf hash spells it, and it goes on into the tree and the chain link.
    for (let b = 0, hex = fields[row + 2]!; b < HASH_SIZE; b++) {
      const byte = leaf.charCodeAt(b);
      if (((HEX_VALUE[data[hex + 2 * b]!]! << 4) | HEX_VALUE[data[hex + 2 * b + 1]!]!) !== byte) return undefined;
      leaves[at + b] = link[HASH_SIZE + b] = byte;
    }
    const hashedSeq = readFlatRecordSeqBytes(data, contentAt, contentAt + contentLength) ?? readTopLevelSeq(data.toString('utf8', contentAt, contentAt + contentLength));
    if (hashedSeq !== seq) return undefined;
    // The stored chain hash spells the link's hash (for the page's first record: is hex), and
    // goes into the next link.
    const chain = i > 0 ? hash('sha256', link, 'binary') : undefined;
    for (let b = 0, hex = fields[row + 4]!; b < HASH_SIZE; b++) {
      const value = (HEX_VALUE[data[hex + 2 * b]!]! << 4) | HEX_VALUE[data[hex + 2 * b + 1]!]!;
      if (chain === undefined ? value > 0xff : value !== chain.charCodeAt(b)) return undefined;
      link[b] = value;
    }
  }
  const firstRow = from * FIELDS;
  const hex = (field: number) => data.toString('utf8', fields[field]!, fields[field]! + HEX_DIGITS);
  const first = { seq: startIndex + 1, leafHash: hex(firstRow + 2), chainHash: hex(firstRow + 4) };
  return toCanonicalPageResult(leaves, startIndex, minNodeLevel, first, hex((to - 1) * FIELDS + 4));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const isScalarStop = (byte: number) => byte === QUOTE || byte === COMMA || byte === OPEN || byte === CLOSE || byte === 0x5b || byte === 0x5d;
const ACTOR = Buffer.from('{"actor":');
const DETAIL = Buffer.from(',"detail":');
const KIND = Buffer.from(',"kind":');
const RECORDED_AT = Buffer.from(',"recordedAt":');
const SEQ = Buffer.from(',"seq":');
/** More digits than this are left to readTopLevelSeq (a seq is at most 2^53). */
const MAX_DIGITS = 15;

/**
 * readFlatRecordSeq (FLAT_RECORD_SEQ in summarizeCanonicalPage.ts) on the UTF-8 bytes of the
 * text, for texts of at most MAX_DIGITS seq digits; undefined where it does not match. Every
 * character the pattern names is ASCII, and in UTF-8 an ASCII byte is always that character
 * (bytes of longer characters are 0x80 and above): byte for byte, the pattern reads the same.
 */
export function readFlatRecordSeqBytes(data: Uint8Array, from: number, end: number): number | undefined {
  let at = literal(data, from, end, ACTOR);
  at = flatObject(data, at, end);
  at = literal(data, at, end, DETAIL);
  at = flatObject(data, at, end);
  at = literal(data, at, end, KIND);
  at = plainString(data, at, end);
  at = literal(data, at, end, RECORDED_AT);
  at = plainString(data, at, end);
  at = literal(data, at, end, SEQ);
  if (at < 0 || at >= end) return undefined;
  const start = at;
  let value = 0;
  while (at < end && data[at]! >= 0x30 && data[at]! <= 0x39) value = value * 10 + (data[at++]! - 0x30);
  const digits = at - start;
  if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && data[start] === 0x30) || at >= end) return undefined;
  return data[at] === COMMA || data[at] === CLOSE ? value : undefined;
}

/** The offset after `bytes` if they are at `at`; -1 if not (or at is already -1). */
function literal(data: Uint8Array, at: number, end: number, bytes: Uint8Array): number {
  if (at < 0 || at + bytes.length > end) return -1;
  for (let k = 0; k < bytes.length; k++) if (data[at + k] !== bytes[k]) return -1;
  return at + bytes.length;
}

/** `"[^"\\]*"`: the offset after it, or -1. */
function plainString(data: Uint8Array, at: number, end: number): number {
  if (at < 0 || at >= end || data[at] !== QUOTE) return -1;
  for (at++; at < end; at++) {
    const byte = data[at]!;
    if (byte === QUOTE) return at + 1;
    if (byte === BACKSLASH) return -1;
  }
  return -1;
}

/** FLAT_OBJECT: `{` members `}` with string keys and plain-string or scalar values; the offset after it, or -1. */
function flatObject(data: Uint8Array, at: number, end: number): number {
  if (at < 0 || at >= end || data[at] !== OPEN) return -1;
  at++;
  if (at < end && data[at] === CLOSE) return at + 1;
  for (;;) {
    at = plainString(data, at, end);
    if (at < 0 || at >= end || data[at] !== 0x3a) return -1;
    at++;
    if (at < end && data[at] === QUOTE) at = plainString(data, at, end);
    else while (at < end && !isScalarStop(data[at]!)) at++;
    if (at < 0 || at >= end) return -1;
    if (data[at] === CLOSE) return at + 1;
    if (data[at] !== COMMA) return -1;
    at++;
  }
}
