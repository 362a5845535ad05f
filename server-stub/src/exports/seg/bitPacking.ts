/**
 * Binary SEG pixel data (PS3.5 §8.1.1, PS3.3 §C.8.20.2.1): one bit per pixel, frames packed one
 * after the other with no padding between them, the first pixel in the least significant bit of
 * each byte; the whole value is padded to an even length.
 */
export function createPackedFrames(frameCount: number, pixelsPerFrame: number): Uint8Array {
  const bytes = Math.ceil((frameCount * pixelsPerFrame) / 8);
  return new Uint8Array(bytes + (bytes % 2));
}

/** Writes a 0/1 mask as frame `index`; answers whether any pixel was set. */
export function packFrame(target: Uint8Array, index: number, mask: Uint8Array): boolean {
  const offset = index * mask.length;
  let any = false;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const bit = offset + i;
    target[bit >> 3]! |= 1 << (bit & 7);
    any = true;
  }
  return any;
}

/** Reads frame `index` back as a 0/1 mask. */
export function unpackFrame(source: Uint8Array, index: number, pixelsPerFrame: number): Uint8Array {
  const mask = new Uint8Array(pixelsPerFrame);
  const offset = index * pixelsPerFrame;
  if (Math.ceil((offset + pixelsPerFrame) / 8) > source.length) throw new RangeError(`pixel data ends before frame ${index + 1}`);
  for (let i = 0; i < pixelsPerFrame; i++) {
    const bit = offset + i;
    mask[i] = (source[bit >> 3]! >> (bit & 7)) & 1;
  }
  return mask;
}
