import { randomBytes } from 'node:crypto';

export interface OutgoingPart {
  /** Full Content-Type of the part, parameters included. */
  contentType: string;
  contentLocation?: string;
  /** Bytes, or a function producing them when the part is written (so parts are read one at a time). */
  body: Uint8Array | (() => Promise<Uint8Array>) | AsyncIterable<Uint8Array>;
}

export function createBoundary(): string {
  return `rr-${randomBytes(16).toString('hex')}`;
}

/**
 * Writes a multipart/related body. The first bytes are the first boundary line (no preamble):
 * cornerstone's WADO-RS loader finds the boundary by reading the body's first line.
 */
export async function* writeMultipartRelated(parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>, boundary: string): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const part of parts) {
    const headers = [`--${boundary}`, `Content-Type: ${part.contentType}`];
    if (part.contentLocation) headers.push(`Content-Location: ${part.contentLocation}`);
    yield Buffer.from(`${first ? '' : '\r\n'}${headers.join('\r\n')}\r\n\r\n`, 'latin1');
    first = false;
    const body = part.body;
    if (body instanceof Uint8Array) yield body;
    else if (typeof body === 'function') yield await body();
    else for await (const chunk of body) yield chunk;
  }
  yield Buffer.from(`${first ? '' : '\r\n'}--${boundary}--\r\n`, 'latin1');
}
