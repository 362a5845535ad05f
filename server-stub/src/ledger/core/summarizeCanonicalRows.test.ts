import { createHash } from 'node:crypto';
import { toCanonicalRecord } from './canonicalRecord.js';
import { canonicalizeRecordContent } from './hashRecordContent.js';
import type { CanonicalLedgerRecord } from './ledgerRecord.js';
import { readFlatRecordSeq, summarizeCanonicalPage } from './summarizeCanonicalPage.js';
import { FIELDS, readFlatRecordSeqBytes, summarizeCanonicalRows, type CanonicalRows } from './summarizeCanonicalRows.js';
import { createTestLedger } from './testing/createTestLedger.js';
import { seqTexts } from './testing/seqTexts.js';

const records = createTestLedger(1100).records.map(toCanonicalRecord);

/** Rows laid out as in binary COPY output: each field a 4-byte length, then its bytes (content given as bytes or text). */
interface StoredRow {
  seq: number;
  content: Buffer | string;
  leafHash: string;
  chainHash: string;
}

function toRows(page: StoredRow[]): CanonicalRows {
  const parts: Buffer[] = [Buffer.from('header')];
  let at = parts[0]!.length;
  const fields = new Int32Array(page.length * FIELDS);
  page.forEach((record, i) => {
    [record.content, record.leafHash, record.chainHash].forEach((value, k) => {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
      const length = Buffer.alloc(4);
      length.writeInt32BE(bytes.length);
      parts.push(length, bytes);
      fields[i * FIELDS + 2 * k] = at + 4;
      fields[i * FIELDS + 2 * k + 1] = bytes.length;
      at += 4 + bytes.length;
    });
  });
  return { data: Buffer.concat(parts), seqs: Float64Array.from(page.map(record => record.seq)), fields };
}
const rowsOf = (page: CanonicalLedgerRecord[]) => toRows(page.map(record => ({ ...record, content: record.canonicalContent })));

/** What the string path sees: the rows decoded as node-postgres decodes text. */
function decoded(rows: CanonicalRows): CanonicalLedgerRecord[] {
  const text = (row: number, k: number) => rows.data.toString('utf8', rows.fields[row * FIELDS + 2 * k]!, rows.fields[row * FIELDS + 2 * k]! + rows.fields[row * FIELDS + 2 * k + 1]!);
  return Array.from(rows.seqs, (seq, row) => ({ seq, canonicalContent: text(row, 0), leafHash: text(row, 1), chainHash: text(row, 2) }));
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]));
  return value;
}

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
/** The last record of `page` replaced by `content` (bytes as stored), its leaf and chain hashes recomputed over those bytes. */
function withLastContent(page: CanonicalLedgerRecord[], content: Buffer, seq = page[page.length - 1]!.seq) {
  const rows: StoredRow[] = page.map(record => ({ seq: record.seq, content: record.canonicalContent, leafHash: record.leafHash, chainHash: record.chainHash }));
  const leaf = sha256(Buffer.from([0]), content);
  const chain = sha256(Buffer.from(page[page.length - 2]!.chainHash, 'hex'), leaf);
  rows[rows.length - 1] = { seq, content, leafHash: leaf.toString('hex'), chainHash: chain.toString('hex') };
  return toRows(rows);
}

/** Records whose actor and detail are flat (readFlatRecordSeq reads them), hashed and chained from positions startIndex on. */
function flatRecords(startIndex: number, count: number): CanonicalLedgerRecord[] {
  let chain = sha256(Buffer.from('before'));
  return Array.from({ length: count }, (_, i) => {
    const seq = startIndex + i + 1;
    const content = canonicalizeRecordContent({ seq, recordedAt: '2026-11-28T11:43:57.123Z', kind: 'label.created', actor: { userId: `user-${i % 3}`, role: 'labeler' }, subject: { StudyInstanceUID: '2.25.1', SOPInstanceUIDs: ['2.25.1.2'] }, detail: { projectId: 'lung', note: 'naïve 😀' } as never });
    const leaf = sha256(Buffer.from([0]), Buffer.from(content, 'utf8'));
    chain = i === 0 ? chain : sha256(chain, leaf);
    return { seq, canonicalContent: content, leafHash: leaf.toString('hex'), chainHash: chain.toString('hex') };
  });
}

describe('summarizeCanonicalRows (summarizeCanonicalPage on the bytes as read)', () => {
  it.each([
    [0, 1100, 0],
    [0, 1024, 8],
    [1, 1, 0],
    [255, 514, 3],
    [640, 460, 8],
    [1099, 1, 0],
  ])('gives summarizeCanonicalPage summary and subtrees for records %i.. (%i of them, subtrees from level %i), and leaves the bytes as they were', (start, count, minNodeLevel) => {
    const page = records.slice(start, start + count);
    const rows = rowsOf(page);
    const before = Buffer.from(rows.data);
    const fast = summarizeCanonicalRows(rows, 0, count, start, minNodeLevel);
    expect(fast).toBeDefined();
    expect(plain(fast)).toEqual(plain(summarizeCanonicalPage(page, start, minNodeLevel)));
    expect(rows.data.equals(before)).toBe(true);
  });

  it('summarizes a slice of the rows at its own position', () => {
    const rows = rowsOf(records.slice(100, 200));
    expect(plain(summarizeCanonicalRows(rows, 30, 70, 130, 0))).toEqual(plain(summarizeCanonicalPage(records.slice(130, 170), 130, 0)));
  });

  it('reads the seq of flat records from their bytes, as readFlatRecordSeq from their text', () => {
    const flat = flatRecords(300, 600);
    expect(readFlatRecordSeq(flat[0]!.canonicalContent)).toBe(301);
    expect(summarizeCanonicalPage(flat, 300, 8)).toBeDefined();
    expect(plain(summarizeCanonicalRows(rowsOf(flat), 0, 600, 300, 8))).toEqual(plain(summarizeCanonicalPage(flat, 300, 8)));
  });

  describe.each([
    ['records of the test ledger (seq read by readTopLevelSeq)', records.slice(100, 120)],
    ['flat records (seq read from the bytes)', flatRecords(100, 20)],
  ])('%s', (_kind, page) => {
    const last = page[page.length - 1]!;
    const lastBytes = Buffer.from(last.canonicalContent, 'utf8');
    const replaceIn = (bytes: Buffer, from: string, to: string) => Buffer.from(bytes.toString('latin1').replace(from, to), 'latin1');
    const tampered: Array<[string, () => CanonicalRows]> = [
      ['one changed byte in a text', () => {
        const rows = rowsOf(page);
        rows.data[rows.fields[5 * FIELDS]! + 20]! ^= 0x01;
        return rows;
      }],
      ['a wrong leaf hash', () => rowsOf(page.map((record, i) => (i === 5 ? { ...record, leafHash: page[4]!.leafHash } : record)))],
      ['a leaf hash in capitals', () => rowsOf(page.map((record, i) => (i === 5 ? { ...record, leafHash: record.leafHash.toUpperCase() } : record)))],
      ['a wrong chain hash', () => rowsOf(page.map((record, i) => (i === 5 ? { ...record, chainHash: page[4]!.chainHash } : record)))],
      ['a first chain hash that is not hex', () => rowsOf(page.map((record, i) => (i === 0 ? { ...record, chainHash: record.chainHash.replace(/[0-9]/, 'g') } : record)))],
      ['a seq column that differs from the position', () => rowsOf(page.map((record, i) => (i === 5 ? { ...record, seq: record.seq + 1 } : record)))],
      ['a NULL text', () => {
        const rows = rowsOf(page);
        rows.fields[5 * FIELDS + 1] = -1;
        return rows;
      }],
      // Hashes made over the stored bytes, so only the checks on the text itself stand in the way:
      ['a text whose hashed seq is not its seq column', () => withLastContent(page, replaceIn(lastBytes, `"seq":${last.seq},`, `"seq":${last.seq + 1},`))],
      ['a text with bytes that are not UTF-8 (hashed as stored)', () => withLastContent(page, replaceIn(lastBytes, '"kind":"', '"kind":"\xff'))],
      ['a text with an encoded lone surrogate (hashed as stored)', () => withLastContent(page, replaceIn(lastBytes, '"kind":"', '"kind":"\xed\xa0\x80'))],
    ];

    it.each(tampered)('gives up (undefined) on a page with %s, which the string path does not accept either', (_name, tamper) => {
      const rows = tamper();
      expect(summarizeCanonicalRows(rows, 0, page.length, 100)).toBeUndefined();
      expect(summarizeCanonicalPage(decoded(rows), 100)).toBeUndefined();
    });

    it('accepts the hashes made over the stored bytes when they are the record (the tampering helper is sound)', () => {
      const rows = withLastContent(page, lastBytes);
      expect(plain(summarizeCanonicalRows(rows, 0, page.length, 100))).toEqual(plain(summarizeCanonicalPage(page, 100)));
    });

    it('gives up on a page at the wrong position, and on an empty slice', () => {
      expect(summarizeCanonicalRows(rowsOf(page), 0, page.length, 101)).toBeUndefined();
      expect(summarizeCanonicalRows(rowsOf(page), 3, 3, 103)).toBeUndefined();
      // A page of one record: its stored chain hash is only checked to be hex.
      const one = [{ ...page[0]!, chainHash: `g${page[0]!.chainHash.slice(1)}` }];
      expect(summarizeCanonicalRows(rowsOf(one), 0, 1, 100)).toBeUndefined();
      expect(summarizeCanonicalPage(one, 100)).toBeUndefined();
      expect(summarizeCanonicalRows(rowsOf(page.slice(0, 1)), 0, 1, 100)).toBeDefined();
    });
  });
});

describe('readFlatRecordSeqBytes', () => {
  const texts = seqTexts(records);

  it('reads what readFlatRecordSeq reads wherever it matches, and nothing where it does not', () => {
    for (const text of texts) {
      const bytes = Buffer.concat([Buffer.from('xx'), Buffer.from(text, 'utf8'), Buffer.from(',"seq":99}')]);
      const expected = readFlatRecordSeq(text);
      expect({ text, seq: readFlatRecordSeqBytes(bytes, 2, bytes.length - 10) }).toEqual({ text, seq: expected !== undefined && expected < 1e15 ? expected : undefined });
    }
  });
});
