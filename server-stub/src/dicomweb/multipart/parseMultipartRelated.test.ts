import { MultipartError, parseMultipartRelated } from './parseMultipartRelated.js';
import { createBoundary, writeMultipartRelated } from './writeMultipartRelated.js';

async function* chunked(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Uint8Array>, boundary: string) {
  const parts: Array<{ headers: Record<string, string>; body: string }> = [];
  for await (const part of parseMultipartRelated(source, boundary)) {
    const chunks: Uint8Array[] = [];
    for await (const c of part.body) chunks.push(c);
    parts.push({ headers: part.headers, body: Buffer.concat(chunks).toString('latin1') });
  }
  return parts;
}

const body = (boundary: string, parts: string[]) =>
  Buffer.from(parts.map(p => `--${boundary}\r\nContent-Type: application/dicom\r\n\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`, 'latin1');

describe('parseMultipartRelated', () => {
  // Chunk size 1 puts every boundary across chunk edges; the parser must not care.
  it.each([1, 3, 7, 64, 100_000])('splits parts correctly with %i-byte chunks', async size => {
    const parts = ['first', 'sec\r\nond with CRLF and --boundar', '', 'x'.repeat(500)];
    const result = await collect(chunked(body('boundar', parts), size), 'boundar');
    expect(result.map(p => p.body)).toEqual(parts);
    expect(result[0]!.headers).toEqual({ 'content-type': 'application/dicom' });
  });

  it('ignores a preamble and an epilogue', async () => {
    const bytes = Buffer.concat([Buffer.from('preamble text\r\n'), body('b', ['one']), Buffer.from('epilogue')]);
    expect((await collect(chunked(bytes, 5), 'b')).map(p => p.body)).toEqual(['one']);
  });

  it('accepts a part without headers', async () => {
    const bytes = Buffer.from('--b\r\n\r\nraw\r\n--b--', 'latin1');
    expect(await collect(chunked(bytes, 4), 'b')).toEqual([{ headers: {}, body: 'raw' }]);
  });

  it.each([
    ['no boundary at all', 'just some bytes'],
    ['no closing boundary', '--b\r\n\r\nabc'],
    ['a malformed boundary line', '--bXYZ\r\n\r\nabc\r\n--b--'],
  ])('rejects %s', async (_name, text) => {
    await expect(collect(chunked(Buffer.from(text), 3), 'b')).rejects.toBeInstanceOf(MultipartError);
  });

  it('reads back what writeMultipartRelated writes', async () => {
    const boundary = createBoundary();
    const written = writeMultipartRelated(
      [
        { contentType: 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', body: Buffer.from('frame one') },
        { contentType: 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', body: async () => Buffer.from('frame two') },
      ],
      boundary,
    );
    const chunks: Uint8Array[] = [];
    for await (const c of written) chunks.push(c);
    const bytes = Buffer.concat(chunks);
    // The body starts with the boundary line: cornerstone's loader reads the boundary from there.
    expect(bytes.subarray(0, boundary.length + 2).toString()).toBe(`--${boundary}`);
    const parts = await collect(chunked(bytes, 2), boundary);
    expect(parts.map(p => [p.headers['content-type'], p.body])).toEqual([
      ['application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', 'frame one'],
      ['application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', 'frame two'],
    ]);
  });
});
