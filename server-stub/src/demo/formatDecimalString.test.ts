import { formatDecimalString } from './formatDecimalString.js';

describe('formatDecimalString', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [-1024, '-1024'],
    [0.68359375, '0.68359375'],
    [-174.658203125, '-174.658203125'],
    // Binary floating-point noise must be rounded away, not truncated by dcmjs.
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.33333333333333'],
    [-2 / 3, '-0.6666666666667'],
    [123456789012345680000, '1.2345678901e+20'],
  ])('formats %p as %p', (value, expected) => {
    const text = formatDecimalString(value);
    expect(text).toBe(expected);
    expect(text.length).toBeLessThanOrEqual(16);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p', value => {
    expect(() => formatDecimalString(value)).toThrow(RangeError);
  });
});
