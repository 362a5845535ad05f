import { createPackedFrames, packFrame, unpackFrame } from './bitPacking.js';

describe('binary SEG bit packing (PS3.5 §8.1.1)', () => {
  // Guards the bit order: the first pixel goes in the least significant bit, and the second
  // frame starts right after the first (3×3 = 9 bits), not at a byte boundary.
  test('frames are packed back to back, least significant bit first, padded to an even length', () => {
    const pixels = createPackedFrames(2, 9);
    expect(pixels).toHaveLength(4); // 18 bits → 3 bytes → padded to 4
    packFrame(pixels, 0, Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 1]));
    packFrame(pixels, 1, Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 0, 0]));
    expect([...pixels]).toEqual([0b00000001, 0b00000111, 0b00000000, 0]);
  });

  test('a frame reads back exactly, and reading past the data fails loudly', () => {
    const pixels = createPackedFrames(3, 5);
    const mask = Uint8Array.from([0, 1, 1, 0, 1]);
    expect(packFrame(pixels, 2, mask)).toBe(true);
    expect(packFrame(pixels, 1, new Uint8Array(5))).toBe(false);
    expect([...unpackFrame(pixels, 2, 5)]).toEqual([...mask]);
    expect([...unpackFrame(pixels, 0, 5)]).toEqual([0, 0, 0, 0, 0]);
    expect(() => unpackFrame(pixels, 4, 5)).toThrow('pixel data ends before frame 5');
  });
});
