/**
 * Run-length coding of one segment's mask on one frame (see SegmentationGeometry.mask): little-
 * endian uint32 run lengths, alternating outside/inside, starting with outside, base64 encoded.
 * Sparse masks of a 512×512 frame take a few dozen bytes instead of 256 KB.
 */
export function encodeMaskRuns(mask: ArrayLike<number>): string {
  const runs: number[] = [];
  let inside = false;
  let run = 0;
  for (let i = 0; i < mask.length; i++) {
    const value = mask[i]! !== 0;
    if (value !== inside) {
      runs.push(run);
      run = 0;
      inside = value;
    }
    run += 1;
  }
  runs.push(run);
  const bytes = new Uint8Array(runs.length * 4);
  const view = new DataView(bytes.buffer);
  runs.forEach((r, i) => view.setUint32(i * 4, r, true));
  return toBase64(bytes);
}

/** Decodes a mask; throws with a precise reason when it does not cover Rows × Columns exactly. */
export function decodeMaskRuns(encoded: string, Rows: number, Columns: number): Uint8Array {
  const bytes = fromBase64(encoded);
  if (bytes.length % 4 !== 0) throw new Error('mask is not a sequence of uint32 run lengths');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mask = new Uint8Array(Rows * Columns);
  let position = 0;
  for (let i = 0; i < bytes.length / 4; i++) {
    const run = view.getUint32(i * 4, true);
    if (position + run > mask.length) throw new Error(`mask covers more than ${Rows}×${Columns} pixels`);
    if (i % 2 === 1) mask.fill(1, position, position + run);
    position += run;
  }
  if (position !== mask.length) throw new Error(`mask covers ${position} of ${Rows}×${Columns} pixels`);
  return mask;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(encoded: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    throw new Error('mask is not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
