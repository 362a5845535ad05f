import { decodeMaskRuns, encodeMaskRuns } from './segmentationMask';

describe('segmentation mask run-length coding', () => {
  it.each([
    ['empty', [0, 0, 0, 0, 0, 0]],
    ['full', [1, 1, 1, 1, 1, 1]],
    ['starting inside', [1, 1, 0, 0, 1, 0]],
    ['alternating', [0, 1, 0, 1, 0, 1]],
  ])('round-trips a %s mask', (_name, pixels) => {
    expect([...decodeMaskRuns(encodeMaskRuns(pixels), 2, 3)]).toEqual(pixels);
  });

  it('keeps a sparse 512×512 mask small', () => {
    const mask = new Uint8Array(512 * 512);
    for (let y = 250; y < 262; y++) mask.fill(1, y * 512 + 250, y * 512 + 262);
    const encoded = encodeMaskRuns(mask);
    expect(encoded.length).toBeLessThan(200);
    expect(decodeMaskRuns(encoded, 512, 512)).toEqual(mask);
  });

  it.each([
    ['covers too few pixels', encodeMaskRuns([0, 1, 1]), 'covers 3 of 2×3 pixels'],
    ['covers too many pixels', encodeMaskRuns([0, 1, 1, 1, 1, 1, 1]), 'covers more than 2×3 pixels'],
    ['is not base64', '%%%', 'not base64'],
    ['is not whole uint32s', btoa('abc'), 'not a sequence of uint32 run lengths'],
  ])('rejects a mask that %s', (_name, encoded, message) => {
    expect(() => decodeMaskRuns(encoded, 2, 3)).toThrow(message);
  });
});
