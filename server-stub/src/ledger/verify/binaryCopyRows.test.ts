import { decodeCopyRecords, indexBinaryCopyRows } from './binaryCopyRows.js';

/** The COPY output as the records node-postgres would return for the same SELECT. */
const decodeCopyOutput = (data: Buffer, length?: number) => decodeCopyRecords(indexBinaryCopyRows(data, length));

type Field = Buffer | null;

/** PostgreSQL binary COPY output (signature, flags, header extension, rows, trailer), as a reader receives it. */
function copyOutput(rows: Field[][], { extension = Buffer.alloc(0), trailer = true } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), int32(0), int32(extension.length), extension];
  for (const row of rows) {
    parts.push(int16(row.length));
    for (const field of row) parts.push(field === null ? int32(-1) : Buffer.concat([int32(field.length), field]));
  }
  if (trailer) parts.push(int16(-1));
  return Buffer.concat(parts);
}
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const bigint = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const row = (seq: bigint, content: string, leaf = 'a'.repeat(64), chain = 'b'.repeat(64)): Field[] => [bigint(seq), utf8(content), utf8(leaf), utf8(chain)];

describe('indexBinaryCopyRows and decodeCopyRecords', () => {
  it('reads the rows as node-postgres returns them for the same SELECT: UTF-8 text, the seq as a number', () => {
    const text = '{"detail":{"note":"naïve \\"quoted\\" back\\\\slash\\n😀"},"seq":7}';
    expect(decodeCopyOutput(copyOutput([row(7n, text), row(8n, '{}', 'c', 'd')]))).toEqual([
      { seq: 7, canonicalContent: text, leafHash: 'a'.repeat(64), chainHash: 'b'.repeat(64) },
      { seq: 8, canonicalContent: '{}', leafHash: 'c', chainHash: 'd' },
    ]);
  });

  it('reads an empty result, and skips a header extension', () => {
    expect(decodeCopyOutput(copyOutput([]))).toEqual([]);
    expect(decodeCopyOutput(copyOutput([row(1n, '{}')], { extension: Buffer.from('future') }))).toHaveLength(1);
  });

  it('reads only the given length of a larger (reused) buffer', () => {
    const output = copyOutput([row(1n, '{}')]);
    const larger = Buffer.concat([output, Buffer.from('left over from a longer page')]);
    expect(decodeCopyOutput(larger, output.length)).toHaveLength(1);
  });

  // Bytes that are not UTF-8 decode as node-postgres decodes them (U+FFFD), so they fail verification alike.
  it('decodes bytes that are not UTF-8 the way node-postgres does', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xc3, 0x7d]);
    expect(decodeCopyOutput(copyOutput([[bigint(1n), bytes, utf8('x'), utf8('y')]]))[0]!.canonicalContent).toBe(bytes.toString('utf8'));
  });

  it('seqs beyond 2^53 as Number(text) would round them, negative ones exactly', () => {
    const seqs = [2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 62n + 12345n, -5n];
    const records = decodeCopyOutput(copyOutput(seqs.map(seq => row(seq, '{}'))));
    expect(records.map(r => r.seq)).toEqual(seqs.map(seq => Number(String(seq))));
  });

  // NOT NULL columns cannot hold one, but a reader must not invent a value: null, as node-postgres gives.
  it('NULL fields as null, and a NULL seq as 0 (as Number(null)), so they fail verification', () => {
    expect(decodeCopyOutput(copyOutput([[null, null, null, null]]))).toEqual([{ seq: 0, canonicalContent: null, leafHash: null, chainHash: null }]);
  });

  it.each([
    ['not COPY output', Buffer.from('seq\tcontent\n')],
    ['no trailer', copyOutput([row(1n, '{}')], { trailer: false })],
    ['a row cut short', copyOutput([row(1n, '{}')]).subarray(0, 40)],
    ['bytes after the trailer', Buffer.concat([copyOutput([]), Buffer.from([0])])],
    ['a row of 3 fields', copyOutput([[bigint(1n), utf8('{}'), utf8('x')]])],
    ['a 4-byte seq', copyOutput([[int32(1), utf8('{}'), utf8('x'), utf8('y')]])],
    ['a negative field length', Buffer.concat([copyOutput([]).subarray(0, 19), int16(4), int32(-2)])],
  ])('throws on %s', (_, data) => {
    expect(() => decodeCopyOutput(data)).toThrow();
  });
});
