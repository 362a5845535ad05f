import { decodeMaskRuns } from '@readingroom/platform-shim';
import { clearSegment, paintMask, readSegmentFrames } from './labelmapMasks';

// 3×4 slices; values are segment indices.
const sliceA = Uint8Array.from([0, 1, 1, 0, 0, 2, 2, 0, 0, 0, 0, 0]);
const sliceB = new Uint8Array(12);
const sliceC = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);

describe('labelmap masks', () => {
  it('reads each segment slice by slice, skipping slices it is not on', () => {
    const frames = readSegmentFrames([
      { SOPInstanceUID: '1.1', pixels: sliceA },
      { SOPInstanceUID: '1.2', pixels: sliceB },
      { SOPInstanceUID: '1.3', frameNumber: 2, pixels: sliceC },
    ]);
    expect([...frames.keys()].sort()).toEqual([1, 2]);
    expect(frames.get(1)!.map(f => [f.SOPInstanceUID, f.frameNumber])).toEqual([['1.1', undefined], ['1.3', 2]]);
    expect([...decodeMaskRuns(frames.get(1)![1]!.mask, 3, 4)]).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...decodeMaskRuns(frames.get(2)![0]!.mask, 3, 4)]).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('paints a stored mask back exactly, leaving other segments alone (round trip)', () => {
    const [frame] = readSegmentFrames([{ SOPInstanceUID: '1.1', pixels: sliceA }]).get(1)!;
    const target = Uint8Array.from([0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0]);
    expect(paintMask(target, frame!, 3, 4, 1)).toBe(2);
    expect([...target]).toEqual([...sliceA]);
  });

  it('refuses a mask that does not fit the image', () => {
    const [frame] = readSegmentFrames([{ SOPInstanceUID: '1.1', pixels: sliceA }]).get(1)!;
    expect(() => paintMask(new Uint8Array(16), frame!, 3, 4, 1)).toThrow('the mask is 3×4 but the image has 16 pixels');
    expect(() => paintMask(new Uint8Array(16), frame!, 4, 4, 1)).toThrow('mask covers 12 of 4×4 pixels');
  });

  it('clears one segment only', () => {
    const pixels = Uint8Array.from(sliceA);
    expect(clearSegment(pixels, 2)).toBe(2);
    expect([...pixels]).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
