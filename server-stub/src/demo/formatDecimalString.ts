const DS_MAX_LENGTH = 16;

/**
 * Formats a number as a DICOM DS value (at most 16 characters). dcmjs would
 * silently truncate a longer `String(n)` such as "0.30000000000000004",
 * which can change the value's meaning (and its sign of the exponent), so
 * we round to the most precise form that fits instead.
 */
export function formatDecimalString(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`DS value must be finite, got ${value}`);
  }
  const plain = String(value === 0 ? 0 : value);
  if (plain.length <= DS_MAX_LENGTH) return plain;
  for (let precision = 15; precision >= 1; precision--) {
    const rounded = String(Number(value.toPrecision(precision)));
    if (rounded.length <= DS_MAX_LENGTH) return rounded;
    // Very large or small magnitudes only fit in exponent form (trailing zeros dropped).
    const exponential = value.toExponential(precision - 1).replace(/\.?0+e/, 'e');
    if (exponential.length <= DS_MAX_LENGTH) return exponential;
  }
  throw new RangeError(`DS value ${value} cannot be written in ${DS_MAX_LENGTH} characters`);
}
