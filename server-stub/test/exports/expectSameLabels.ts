import type { LabelSnapshot } from '@readingroom/platform-shim';

type Points = number[][];

function withoutPoints(label: LabelSnapshot): { label: LabelSnapshot; points?: Points } {
  if (!('points' in label.geometry)) return { label };
  const { points, ...geometry } = label.geometry;
  return { label: { ...label, geometry: { ...geometry, points: [] } } as LabelSnapshot, points };
}

/**
 * Decoded labels equal the exported ones: every field deeply equal, points to float precision.
 * Patient coordinates (SCOORD3D, FL) must equal the float32 rounding of the original exactly;
 * image coordinates (SCOORD) go through the image plane and must agree within `imageTolerance` mm.
 */
export function expectSameLabels(decoded: LabelSnapshot[], original: LabelSnapshot[], options: { imageTolerance?: number } = {}): void {
  expect(decoded.map(l => withoutPoints(l).label)).toEqual(original.map(l => withoutPoints(l).label));
  decoded.forEach((label, i) => {
    const got = withoutPoints(label).points;
    const want = withoutPoints(original[i]!).points;
    if (!want) return expect(got).toBeUndefined();
    expect(got).toHaveLength(want.length);
    want.forEach((point, p) =>
      point.forEach((value, axis) => {
        const actual = got![p]![axis]!;
        if (options.imageTolerance === undefined) expect(actual).toBe(Math.fround(value));
        else expect(Math.abs(actual - value)).toBeLessThanOrEqual(options.imageTolerance);
      }),
    );
  });
}
