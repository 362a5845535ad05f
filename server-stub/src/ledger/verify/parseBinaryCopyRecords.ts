/**
 * The ledger rows of a `COPY (SELECT seq, canonical_content, leaf_hash, chain_hash ...) TO STDOUT
 * (FORMAT binary)` (PostgreSQL's binary copy format: a signature and header, then per row a field
 * count and each field as a length and its bytes, then -1) as the records node-postgres would
 * have returned for the same SELECT: text decoded as UTF-8 the same way, the BIGINT seq as a
 * number, NULL as null (the columns are NOT NULL: a null then fails verification like any other
 * wrong value). Anything that is not that format throws.
 */
import type { CanonicalLedgerRecord } from '../core/ledgerRecord.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const FIELDS = 4;
/** 2^53 / 2^32: a BIGINT whose high word is below this is exact as hi * 2^32 + lo. */
const SAFE_HIGH_WORD = 0x200000;

/** The records in `data[0, length)`: one whole COPY output, header to trailer. */
export function parseBinaryCopyRecords(data: Buffer, length = data.length): CanonicalLedgerRecord[] {
  if (length < SIGNATURE.length + 8 || data.compare(SIGNATURE, 0, SIGNATURE.length, 0, SIGNATURE.length) !== 0) throw new Error('not PostgreSQL binary COPY output');
  let at = SIGNATURE.length + 4; // the flags word (no OIDs: the query selects none)
  at += 4 + data.readUInt32BE(at); // the header extension, skipped
  const records: CanonicalLedgerRecord[] = [];
  for (;;) {
    need(at + 2, length);
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    if (fields !== FIELDS) throw new Error(`binary COPY row with ${fields} fields, expected ${FIELDS}`);
    const seqLength = field(data, at, length);
    const seq = seqLength === -1 ? null : readBigint(data, at + 4, seqLength);
    at += 4 + Math.max(0, seqLength);
    const contentLength = field(data, at, length);
    const canonicalContent = text(data, at + 4, contentLength);
    at += 4 + Math.max(0, contentLength);
    const leafLength = field(data, at, length);
    const leafHash = text(data, at + 4, leafLength);
    at += 4 + Math.max(0, leafLength);
    const chainLength = field(data, at, length);
    const chainHash = text(data, at + 4, chainLength);
    at += 4 + Math.max(0, chainLength);
    // As recordRangeReader's rows: Number(null) is 0, and nulls stay null (both fail verification).
    records.push({ seq: Number(seq), canonicalContent, leafHash, chainHash } as CanonicalLedgerRecord);
  }
  if (at !== length) throw new Error('binary COPY output continues after its trailer');
  return records;
}

function need(end: number, length: number): void {
  if (end > length) throw new Error('binary COPY output ends inside a row');
}

/** The length of the field at `at` (-1: NULL), once its bytes are known to be there. */
function field(data: Buffer, at: number, length: number): number {
  need(at + 4, length);
  const size = data.readInt32BE(at);
  if (size < -1) throw new Error(`binary COPY field of length ${size}`);
  need(at + 4 + Math.max(0, size), length);
  return size;
}

function text(data: Buffer, at: number, size: number): string | null {
  return size === -1 ? null : data.toString('utf8', at, at + size);
}

/** int8send's 8 bytes, as node-postgres's Number(text) would give (exact below 2^53, rounded alike above). */
function readBigint(data: Buffer, at: number, size: number): number {
  if (size !== 8) throw new Error(`binary COPY BIGINT of ${size} bytes`);
  const high = data.readInt32BE(at);
  return high >= 0 && high < SAFE_HIGH_WORD ? high * 0x1_0000_0000 + data.readUInt32BE(at + 4) : Number(data.readBigInt64BE(at));
}
