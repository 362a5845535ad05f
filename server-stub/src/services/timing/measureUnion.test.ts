import { measureUnion } from './measureUnion.js';

describe('measureUnion', () => {
  it.each<[string, Array<[number, number]>, number]>([
    ['nothing', [], 0],
    ['one interval', [[0, 10]], 10],
    ['disjoint intervals', [[0, 10], [20, 25]], 15],
    ['overlapping intervals (two tabs)', [[0, 10], [5, 15]], 15],
    ['an interval inside another', [[0, 30], [5, 10]], 30],
    ['touching intervals', [[0, 10], [10, 20]], 20],
    ['unsorted, chained overlaps', [[20, 30], [0, 10], [8, 22]], 30],
    ['empty and reversed intervals', [[5, 5], [10, 0], [1, 2]], 1],
  ])('%s', (_name, intervals, expected) => {
    expect(measureUnion(intervals.map(([start, end]) => ({ start, end })))).toBe(expected);
  });
});
