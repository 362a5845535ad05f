/**
 * Binary SEG pixel data (PS3.5 §8.1.1, PS3.3 §C.8.20.2.1): one bit per pixel, frames packed one
 * after the other with no padding between them, the first pixel in the least significant bit of
 * each byte; the whole value is padded to an even length.
 */
export function createPackedFrames(frameCount: number, pixelsPerFrame: number): Uint8Array {
  const bytes = Math.ceil((frameCount * pixelsPerFrame) / 8);
  return new Uint8Array(bytes + (bytes % 2));
}

/** A 0/1 mask as bits, least significant first (eight pixels per byte, the last byte zero-padded). */
export function packMask(mask: Uint8Array): Uint8Array {
  const packed = new Uint8Array(Math.ceil(mask.length / 8));
  const whole = mask.length >> 3;
  for (let byte = 0, i = 0; byte < whole; byte++, i += 8) {
    packed[byte] = mask[i]! | (mask[i + 1]! << 1) | (mask[i + 2]! << 2) | (mask[i + 3]! << 3) | (mask[i + 4]! << 4) | (mask[i + 5]! << 5) | (mask[i + 6]! << 6) | (mask[i + 7]! << 7);
  }
  for (let i = whole * 8; i < mask.length; i++) packed[whole]! |= mask[i]! << (i & 7);
  return packed;
}

/**
 * Writes a packed frame (packMask) as frame `index`. Frames whose size is a multiple of 8 pixels
 * start on a byte and are copied whole; others are shifted into place bit by bit.
 */
export function writePackedFrame(target: Uint8Array, index: number, packed: Uint8Array, pixelsPerFrame: number): void {
  const offset = index * pixelsPerFrame;
  if (offset % 8 === 0) {
    // OR in the first byte: it may hold the previous frame's last bits when that frame was not byte-sized.
    target[offset >> 3]! |= packed[0]!;
    target.set(packed.subarray(1), (offset >> 3) + 1);
    return;
  }
  for (let i = 0; i < pixelsPerFrame; i++) {
    if ((packed[i >> 3]! >> (i & 7)) & 1) {
      const bit = offset + i;
      target[bit >> 3]! |= 1 << (bit & 7);
    }
  }
}

/** Whether two packed frames share a set pixel. */
export function packedOverlap(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! & b[i]!) return true;
  return false;
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
