import { createPackedFrames, packedOverlap, packMask, unpackFrame, writePackedFrame } from './bitPacking.js';

const pack = (bits: number[]) => packMask(Uint8Array.from(bits));

describe('binary SEG bit packing (PS3.5 §8.1.1)', () => {
  // Guards the bit order: the first pixel goes in the least significant bit, and the second
  // frame starts right after the first (3×3 = 9 bits), not at a byte boundary.
  test('frames are packed back to back, least significant bit first, padded to an even length', () => {
    const pixels = createPackedFrames(2, 9);
    expect(pixels).toHaveLength(4); // 18 bits → 3 bytes → padded to 4
    writePackedFrame(pixels, 0, pack([1, 0, 0, 0, 0, 0, 0, 0, 1]), 9);
    writePackedFrame(pixels, 1, pack([1, 1, 0, 0, 0, 0, 0, 0, 0]), 9);
    expect([...pixels]).toEqual([0b00000001, 0b00000111, 0b00000000, 0]);
  });

  test('byte-sized frames are copied whole, after a frame that shares their first byte', () => {
    const pixels = createPackedFrames(2, 16);
    writePackedFrame(pixels, 0, pack([...Array(15).fill(0), 1]), 16);
    writePackedFrame(pixels, 1, pack([1, ...Array(14).fill(0), 1]), 16);
    expect([...pixels]).toEqual([0, 0b10000000, 0b00000001, 0b10000000]);
  });

  test('a frame reads back exactly, and reading past the data fails loudly', () => {
    const pixels = createPackedFrames(3, 5);
    const mask = Uint8Array.from([0, 1, 1, 0, 1]);
    writePackedFrame(pixels, 2, packMask(mask), 5);
    expect([...unpackFrame(pixels, 2, 5)]).toEqual([...mask]);
    expect([...unpackFrame(pixels, 0, 5)]).toEqual([0, 0, 0, 0, 0]);
    expect(() => unpackFrame(pixels, 4, 5)).toThrow('pixel data ends before frame 5');
  });

  test('overlap is a shared set pixel', () => {
    expect(packedOverlap(pack([1, 0, 1, 0]), pack([0, 1, 0, 1]))).toBe(false);
    expect(packedOverlap(pack([1, 0, 1, 0]), pack([0, 0, 1, 0]))).toBe(true);
  });
});
