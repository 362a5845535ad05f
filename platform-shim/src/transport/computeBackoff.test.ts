import { computeBackoff } from './computeBackoff';

describe('computeBackoff', () => {
  const options = { baseMs: 1000, maxMs: 30_000 };
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [3, 1, 4000],
    [10, 1, 30_000],
    [10, 0, 15_000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(computeBackoff(attempt, options, () => random)).toBe(expected);
  });
});
