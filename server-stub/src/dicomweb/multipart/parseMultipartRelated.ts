/** The body is not valid multipart (RFC 2046); answered with 400. */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The part's bytes; must be consumed before asking for the next part. */
  body: AsyncIterable<Uint8Array>;
}

const CRLF = Buffer.from('\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** Pulls chunks from a stream into a small look-ahead buffer. */
class Reader {
  buffer: Buffer = Buffer.alloc(0);
  private readonly iterator: AsyncIterator<Uint8Array>;
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>, prefix: Buffer) {
    this.iterator = source[Symbol.asyncIterator]();
    this.buffer = prefix;
  }

  async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buffer, next.value]);
    return true;
  }

  async ensure(n: number): Promise<boolean> {
    while (this.buffer.length < n) if (!(await this.more())) return false;
    return true;
  }

  consume(n: number) {
    this.buffer = this.buffer.subarray(n);
  }
}

/**
 * Streams the parts of a multipart body without holding more than one chunk plus a boundary
 * in memory. Part bodies are handed out as they arrive, so a 2 GB upload costs no more memory
 * than a small one.
 */
export async function* parseMultipartRelated(source: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartPart> {
  if (!boundary || boundary.length > 70) throw new MultipartError('missing or invalid multipart boundary');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // A CRLF in front lets the first boundary line match the same delimiter as the others.
  const reader = new Reader(source, Buffer.from(CRLF));

  // Preamble: everything before the first delimiter is ignored.
  await skipPast(reader, delimiter);
  for (;;) {
    if (!(await reader.ensure(2))) throw new MultipartError('multipart body ends without a closing boundary');
    if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return; // "--": close delimiter; the epilogue is ignored.
    while ((await reader.ensure(1)) && (reader.buffer[0] === 0x20 || reader.buffer[0] === 0x09)) reader.consume(1);
    if (!(await reader.ensure(2)) || !reader.buffer.subarray(0, 2).equals(CRLF)) throw new MultipartError('malformed boundary line');
    reader.consume(2);
    const headers = await readHeaders(reader);
    let finished = false;
    const body = partBody(reader, delimiter, () => {
      finished = true;
    });
    yield { headers, body };
    if (!finished) for await (const _ of body); // drain what the consumer left
    if (!finished) throw new MultipartError('multipart part was not read to its end');
  }
}

async function skipPast(reader: Reader, delimiter: Buffer) {
  for (;;) {
    const at = reader.buffer.indexOf(delimiter);
    if (at >= 0) {
      reader.consume(at + delimiter.length);
      return;
    }
    // Keep a tail that could be the start of the delimiter.
    reader.consume(Math.max(0, reader.buffer.length - delimiter.length + 1));
    if (!(await reader.more())) throw new MultipartError('no multipart boundary found in the body');
  }
}

async function readHeaders(reader: Reader): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (;;) {
    let end = reader.buffer.indexOf(CRLF);
    while (end < 0) {
      if (reader.buffer.length > MAX_HEADER_BYTES) throw new MultipartError('multipart part headers too long');
      if (!(await reader.more())) throw new MultipartError('multipart body ends inside part headers');
      end = reader.buffer.indexOf(CRLF);
    }
    const line = reader.buffer.subarray(0, end).toString('latin1');
    reader.consume(end + 2);
    if (line === '') return headers;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('malformed multipart part header');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
}

async function* partBody(reader: Reader, delimiter: Buffer, onEnd: () => void): AsyncGenerator<Uint8Array> {
  for (;;) {
    const at = reader.buffer.indexOf(delimiter);
    if (at >= 0) {
      if (at > 0) yield reader.buffer.subarray(0, at);
      reader.consume(at + delimiter.length);
      onEnd();
      return;
    }
    const safe = reader.buffer.length - delimiter.length + 1;
    if (safe > 0) {
      const chunk = reader.buffer.subarray(0, safe);
      reader.consume(safe);
      yield chunk;
    }
    if (!(await reader.more())) throw new MultipartError('multipart body ends inside a part');
  }
}
