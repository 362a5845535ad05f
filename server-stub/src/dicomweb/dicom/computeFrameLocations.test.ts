import { buildTestInstance, fakeJpeg, ramp } from '../../../test/dicomweb/fixtures/dicomFixtures.js';
import { memoryByteSource } from './byteSource.js';
import { computeFrameLocations, nativeFrameBits, nativeFrameRange, shiftBits, type FrameLocations } from './computeFrameLocations.js';
import { scanDicomLayout } from './scanDicomLayout.js';

const JPEG = '1.2.840.10008.1.2.4.50';

async function framesOf(file: Uint8Array, attributes: Parameters<typeof computeFrameLocations>[1]) {
  const source = memoryByteSource(file);
  const locations = await computeFrameLocations(await scanDicomLayout(source), attributes, source);
  if (locations.kind !== 'encapsulated') throw new Error(`expected encapsulated, got ${locations.kind}`);
  return locations.frames.map(ranges => Buffer.concat(ranges.map(([o, l]) => file.subarray(o, o + l))));
}

describe('computeFrameLocations', () => {
  const frames = [[fakeJpeg(40, 1)], [fakeJpeg(30, 2), ramp(10, 3)], [fakeJpeg(20, 4)]];
  const expected = frames.map(f => Buffer.concat(f));

  it('uses the Basic Offset Table to group several fragments per frame', async () => {
    const file = buildTestInstance({ TransferSyntaxUID: JPEG, NumberOfFrames: 3, BitsAllocated: 8, encapsulatedFrames: frames, basicOffsetTable: true });
    expect(await framesOf(file, { NumberOfFrames: 3 })).toEqual(expected);
  });

  it('finds frame starts by codestream markers without an offset table', async () => {
    const file = buildTestInstance({ TransferSyntaxUID: JPEG, NumberOfFrames: 3, BitsAllocated: 8, encapsulatedFrames: frames, basicOffsetTable: false });
    expect(await framesOf(file, { NumberOfFrames: 3 })).toEqual(expected);
  });

  it('takes one fragment per frame when counts agree, and all fragments for a single frame', async () => {
    const one = [[fakeJpeg(10, 1)], [ramp(10, 2)]];
    const file = buildTestInstance({ TransferSyntaxUID: JPEG, NumberOfFrames: 2, BitsAllocated: 8, encapsulatedFrames: one, basicOffsetTable: false });
    expect(await framesOf(file, { NumberOfFrames: 2 })).toEqual(one.map(f => Buffer.from(f[0]!)));
    const single = buildTestInstance({ TransferSyntaxUID: JPEG, BitsAllocated: 8, encapsulatedFrames: [[fakeJpeg(10, 1), ramp(6, 2)]], basicOffsetTable: false });
    expect(await framesOf(single, {})).toEqual([Buffer.concat([fakeJpeg(10, 1), ramp(6, 2)])]);
  });

  it('computes native frames from Rows × Columns × SamplesPerPixel × BitsAllocated', async () => {
    const file = buildTestInstance({ Rows: 2, Columns: 3, BitsAllocated: 16, NumberOfFrames: 2, pixelBytes: ramp(24) });
    const source = memoryByteSource(file);
    const locations = (await computeFrameLocations(await scanDicomLayout(source), { Rows: 2, Columns: 3, BitsAllocated: 16, NumberOfFrames: 2 }, source)) as Extract<FrameLocations, { kind: 'native' }>;
    const second = nativeFrameRange(locations, 1)!;
    expect(Buffer.from(file.subarray(second.offset, second.offset + second.length))).toEqual(Buffer.from(ramp(24).subarray(12)));
    expect(nativeFrameRange(locations, 2)).toBeUndefined();
  });

  it('counts YBR_FULL_422 as two samples per pixel', () => {
    expect(nativeFrameBits({ Rows: 2, Columns: 2, SamplesPerPixel: 3, BitsAllocated: 8, PhotometricInterpretation: 'YBR_FULL_422' })).toBe(64);
  });

  it('realigns packed 1-bit frames that do not start on a byte', () => {
    // 3×3 frames of 9 bits: frame 2 starts at bit 9.
    const locations = { kind: 'native' as const, valueOffset: 0, valueLength: 4, frameBits: 9, numberOfFrames: 2 };
    const range = nativeFrameRange(locations, 1)!;
    expect(range).toEqual({ offset: 1, length: 2, bitShift: 1, frameBytes: 2 });
    expect([...shiftBits(new Uint8Array([0b10110110, 0b00000011]), 1, 2)]).toEqual([0b11011011, 0b00000001]);
  });
});
