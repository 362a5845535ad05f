/**
 * The ledger rows of a `COPY (SELECT seq, canonical_content, leaf_hash, chain_hash ...) TO STDOUT
 * (FORMAT binary)` (PostgreSQL's binary copy format: a signature and header, then per row a field
 * count and each field as a length and its bytes, then -1). indexBinaryCopyRows finds each row's
 * fields in the bytes (for summarizeCanonicalRows, which checks them there); decodeCopyRecords
 * gives the records node-postgres would have returned for the same SELECT: text decoded as UTF-8
 * the same way, the BIGINT seq as a number, NULL as null (the columns are NOT NULL: a null then
 * fails verification like any other wrong value). Anything that is not that format throws.
 */
import type { CanonicalRows } from '../core/summarizeCanonicalRows.js';
import { FIELDS as ROW_FIELDS } from '../core/summarizeCanonicalRows.js';
import type { CanonicalLedgerRecord } from '../core/ledgerRecord.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const FIELDS = 4;
/** 2^53 / 2^32: a BIGINT whose high word is below this is exact as hi * 2^32 + lo. */
const SAFE_HIGH_WORD = 0x200000;

/** `seqs`: a NULL seq is 0, as Number(null) of node-postgres's row (no position has it). */
export interface CopyRows extends CanonicalRows {
  count: number;
}

/** The rows in `data[0, length)`: one whole COPY output, header to trailer. */
export function indexBinaryCopyRows(data: Buffer, length = data.length): CopyRows {
  if (length < SIGNATURE.length + 8 || data.compare(SIGNATURE, 0, SIGNATURE.length, 0, SIGNATURE.length) !== 0) throw new Error('not PostgreSQL binary COPY output');
  let at = SIGNATURE.length + 4; // the flags word (no OIDs: the query selects none)
  at += 4 + data.readUInt32BE(at); // the header extension, skipped
  let seqs = new Float64Array(1024);
  let fields = new Int32Array(1024 * ROW_FIELDS);
  let count = 0;
  for (;;) {
    need(at + 2, length);
    const fieldCount = data.readInt16BE(at);
    at += 2;
    if (fieldCount === -1) break;
    if (fieldCount !== FIELDS) throw new Error(`binary COPY row with ${fieldCount} fields, expected ${FIELDS}`);
    if (count === seqs.length) {
      seqs = grown(seqs, new Float64Array(2 * seqs.length));
      fields = grown(fields, new Int32Array(2 * fields.length));
    }
    const seqLength = field(data, at, length);
    seqs[count] = seqLength === -1 ? 0 : readBigint(data, at + 4, seqLength);
    at += 4 + Math.max(0, seqLength);
    const row = count * ROW_FIELDS;
    for (let k = 0; k < 3; k++) {
      const size = field(data, at, length);
      fields[row + 2 * k] = at + 4;
      fields[row + 2 * k + 1] = size;
      at += 4 + Math.max(0, size);
    }
    count++;
  }
  if (at !== length) throw new Error('binary COPY output continues after its trailer');
  return { data, count, seqs, fields };
}

/** Rows [from, to) as the records node-postgres would return. */
export function decodeCopyRecords(rows: CopyRows, from = 0, to = rows.count): CanonicalLedgerRecord[] {
  const { data, seqs, fields } = rows;
  const text = (field: number): string | null => (fields[field + 1]! === -1 ? null : data.toString('utf8', fields[field]!, fields[field]! + fields[field + 1]!));
  const records: CanonicalLedgerRecord[] = [];
  for (let i = from; i < to; i++) {
    const row = i * ROW_FIELDS;
    records.push({ seq: seqs[i]!, canonicalContent: text(row), leafHash: text(row + 2), chainHash: text(row + 4) } as CanonicalLedgerRecord);
  }
  return records;
}

function grown<T extends Float64Array | Int32Array>(from: T, into: T): T {
  into.set(from);
  return into;
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

/** int8send's 8 bytes, as node-postgres's Number(text) would give (exact below 2^53, rounded alike above). */
function readBigint(data: Buffer, at: number, size: number): number {
  if (size !== 8) throw new Error(`binary COPY BIGINT of ${size} bytes`);
  const high = data.readInt32BE(at);
  return high >= 0 && high < SAFE_HIGH_WORD ? high * 0x1_0000_0000 + data.readUInt32BE(at + 4) : Number(data.readBigInt64BE(at));
}
