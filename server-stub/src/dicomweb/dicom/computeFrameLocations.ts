import type { ByteSource } from './byteSource.js';
import { DicomFormatError, type DicomLayout, type EncapsulatedPixelData } from './scanDicomLayout.js';

/** Where each frame's bytes are, computed once at storage time and kept in the index. */
export type FrameLocations =
  | { kind: 'none' }
  /** Frames follow each other; with BitsAllocated 1 they are packed and need not start on a byte. */
  | { kind: 'native'; valueOffset: number; valueLength: number; frameBits: number; numberOfFrames: number }
  /** Each frame is one or more fragments: [offset, length] ranges to concatenate. */
  | { kind: 'encapsulated'; frames: Array<Array<[number, number]>> };

export interface ImagePixelAttributes {
  NumberOfFrames?: number;
  Rows?: number;
  Columns?: number;
  SamplesPerPixel?: number;
  BitsAllocated?: number;
  PhotometricInterpretation?: string;
}

export async function computeFrameLocations(
  layout: DicomLayout,
  attributes: ImagePixelAttributes,
  source: ByteSource,
): Promise<FrameLocations> {
  const pixelData = layout.pixelData;
  if (!pixelData) return { kind: 'none' };
  const numberOfFrames = Math.max(1, attributes.NumberOfFrames ?? 1);
  if (!pixelData.encapsulated) {
    return {
      kind: 'native',
      valueOffset: pixelData.valueOffset,
      valueLength: pixelData.valueLength,
      frameBits: nativeFrameBits(attributes),
      numberOfFrames,
    };
  }
  const extended = await readExtendedOffsetTable(layout, source);
  return { kind: 'encapsulated', frames: await splitIntoFrames(pixelData.encapsulated, numberOfFrames, source, extended) };
}

/** Rows × Columns × SamplesPerPixel × BitsAllocated; YBR_FULL_422 stores two samples per pixel (PS3.5 8.2.1). */
export function nativeFrameBits(a: ImagePixelAttributes): number {
  const rows = a.Rows ?? 0;
  const columns = a.Columns ?? 0;
  const bits = a.BitsAllocated ?? 8;
  const samples = a.PhotometricInterpretation === 'YBR_FULL_422' ? 2 : (a.SamplesPerPixel ?? 1);
  return rows * columns * samples * bits;
}

async function splitIntoFrames(
  pixelData: EncapsulatedPixelData,
  numberOfFrames: number,
  source: ByteSource,
  extended: Array<[number, number]> | undefined,
): Promise<Array<Array<[number, number]>>> {
  const { fragments, basicOffsetTable } = pixelData;
  const range = (f: { offset: number; length: number }): [number, number] => [f.offset, f.length];
  if (fragments.length === 0) return [];
  const base = pixelData.firstFragmentItemOffset;
  // Offsets (extended table, then basic table) count from the first fragment's item tag.
  const starts = extended?.map(([offset]) => offset) ?? (basicOffsetTable.length > 0 ? basicOffsetTable : undefined);
  if (starts) {
    return starts.map((start, i) => {
      const end = starts[i + 1] ?? Number.POSITIVE_INFINITY;
      return fragments.filter(f => f.itemOffset - base >= start && f.itemOffset - base < end).map(range);
    });
  }
  if (numberOfFrames === 1) return [fragments.map(range)];
  if (fragments.length === numberOfFrames) return fragments.map(f => [range(f)]);
  // No offset table and more fragments than frames: a frame starts where a codestream starts.
  const frames: Array<Array<[number, number]>> = [];
  for (const fragment of fragments) {
    const head = await source.read(fragment.offset, Math.min(4, fragment.length));
    if (frames.length === 0 || startsCodestream(head)) frames.push([]);
    frames[frames.length - 1]!.push(range(fragment));
  }
  if (frames.length !== numberOfFrames) {
    throw new DicomFormatError(
      `cannot find frame boundaries: ${fragments.length} fragments, ${numberOfFrames} frames and no offset table`,
    );
  }
  return frames;
}

/** JPEG and JPEG-LS SOI (FFD8), JPEG 2000 / HTJ2K codestream SOC+SIZ (FF4F FF51), JP2 signature box. */
export function startsCodestream(head: Uint8Array): boolean {
  if (head[0] === 0xff && head[1] === 0xd8) return true;
  if (head[0] === 0xff && head[1] === 0x4f && head[2] === 0xff && head[3] === 0x51) return true;
  return head[0] === 0x00 && head[1] === 0x00 && head[2] === 0x00 && head[3] === 0x0c;
}

/** Extended Offset Table (7FE0,0001) with its lengths (7FE0,0002), 64-bit little endian (PS3.5 A.4). */
async function readExtendedOffsetTable(layout: DicomLayout, source: ByteSource): Promise<Array<[number, number]> | undefined> {
  const offsets = layout.pixelGroup.get('7FE00001');
  const lengths = layout.pixelGroup.get('7FE00002');
  if (!offsets || !lengths || offsets.length === 0 || offsets.length !== lengths.length) return undefined;
  const o = Buffer.from(await source.read(offsets.offset, offsets.length));
  const l = Buffer.from(await source.read(lengths.offset, lengths.length));
  const table: Array<[number, number]> = [];
  for (let at = 0; at + 8 <= o.length; at += 8) table.push([Number(o.readBigUInt64LE(at)), Number(l.readBigUInt64LE(at))]);
  return table;
}

/** How many frames can actually be read (a native value shorter than NumberOfFrames says limits it). */
export function countReadableFrames(frames: FrameLocations): number {
  if (frames.kind === 'encapsulated') return frames.frames.length;
  if (frames.kind === 'none' || frames.frameBits === 0) return 0;
  return Math.min(frames.numberOfFrames, Math.floor((frames.valueLength * 8) / frames.frameBits));
}

/** Byte ranges of one native frame; a packed 1-bit frame not on a byte boundary needs `bitShift`. */
export function nativeFrameRange(
  frames: Extract<FrameLocations, { kind: 'native' }>,
  index: number,
): { offset: number; length: number; bitShift: number; frameBytes: number } | undefined {
  if (index < 0 || index >= frames.numberOfFrames) return undefined;
  const startBit = index * frames.frameBits;
  const frameBytes = Math.ceil(frames.frameBits / 8);
  const offset = frames.valueOffset + Math.floor(startBit / 8);
  const bitShift = startBit % 8;
  const length = Math.ceil((bitShift + frames.frameBits) / 8);
  if (frames.frameBits === 0 || offset + length > frames.valueOffset + frames.valueLength) return undefined;
  return { offset, length, bitShift, frameBytes };
}

/** Realigns a packed 1-bit frame (bits are stored least significant first, PS3.5 8.1.1). */
export function shiftBits(bytes: Uint8Array, bitShift: number, frameBytes: number): Uint8Array {
  if (bitShift === 0) return bytes.subarray(0, frameBytes);
  const out = new Uint8Array(frameBytes);
  for (let i = 0; i < frameBytes; i++) out[i] = ((bytes[i]! >> bitShift) | ((bytes[i + 1] ?? 0) << (8 - bitShift))) & 0xff;
  return out;
}
