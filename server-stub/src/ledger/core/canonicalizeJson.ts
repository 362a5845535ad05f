/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Audit records are hashed over these bytes, so two implementations that agree on the JSON
 * data must agree on every byte. The rules, and where they come from:
 * - numbers: ECMAScript `Number.prototype.toString` (RFC 8785 §3.2.2.3 defers to it), which
 *   is exactly what this engine's `String(number)` computes; -0 becomes `0`; NaN and the
 *   infinities have no JSON form and are rejected;
 * - strings: `"` and `\` escaped, U+0000..U+001F as `\b \t \n \f \r` or `\u00xx` (lower
 *   case), everything else literal (§3.2.2.2) — the same output as `JSON.stringify` for
 *   well-formed strings; lone surrogates are rejected (I-JSON, RFC 7493 §2.1);
 * - object members sorted by their names as arrays of UTF-16 code units (§3.2.3), which is
 *   what `Array.prototype.sort()` without a comparator does; arrays keep their order.
 * Anything that is not JSON data (undefined, functions, symbols, bigints, class instances
 * such as Date or Buffer, sparse arrays, cycles) is rejected instead of being silently
 * dropped or converted, so a hash never covers less than the caller thinks it does.
 * Symbol-keyed properties are invisible to JSON and ignored, as `JSON.stringify` does.
 */
import { hasLoneSurrogate } from './hasLoneSurrogate.js';

/** Why a value has no canonical form, and where (`$.detail.items[2]`). */
export class CanonicalJsonError extends Error {
  readonly reason: string;
  /** Keys and indexes from the root down to the offending value. */
  readonly pathSegments: (string | number)[];

  constructor(reason: string, pathSegments: (string | number)[] = []) {
    super(`${formatJsonPath(pathSegments)}: ${reason}`);
    this.name = 'CanonicalJsonError';
    this.reason = reason;
    this.pathSegments = pathSegments;
  }

  /** The same error one level further out, so the message names the full path. */
  within(segment: string | number): CanonicalJsonError {
    return new CanonicalJsonError(this.reason, [segment, ...this.pathSegments]);
  }
}

function formatJsonPath(segments: (string | number)[]): string {
  let path = '$';
  for (const s of segments) {
    path += typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return path;
}

/** Returns the RFC 8785 canonical JSON text of `value`; throws CanonicalJsonError if it is not JSON data. */
export function canonicalizeJson(value: unknown): string {
  return serializeValue(value, []);
}

function serializeValue(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value);
    case 'number':
      return serializeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (ancestors.includes(value)) throw new CanonicalJsonError('cyclic structure');
      return Array.isArray(value) ? serializeArray(value, ancestors) : serializeObject(value, ancestors);
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON data`);
  }
}

function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} is not a JSON number`);
  // Object.is(-0, 0) is false; String(-0) already yields "0", the check just makes the rule visible.
  return Object.is(value, -0) ? '0' : String(value);
}

function serializeString(value: string): string {
  if (hasLoneSurrogate(value)) throw new CanonicalJsonError('string contains a lone UTF-16 surrogate');
  return JSON.stringify(value);
}

function serializeArray(array: unknown[], ancestors: object[]): string {
  ancestors.push(array);
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    if (!(i in array)) throw new CanonicalJsonError('sparse array (hole)', [i]);
    try {
      out += serializeValue(array[i], ancestors);
    } catch (error) {
      throw error instanceof CanonicalJsonError ? error.within(i) : error;
    }
  }
  ancestors.pop();
  return out + ']';
}

function serializeObject(object: object, ancestors: object[]): string {
  // A plain object's prototype is Object.prototype of *some* realm (vm contexts, jest, other
  // frames), whose own prototype is null; class instances have longer chains.
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new CanonicalJsonError(`${name} is not a plain JSON object (convert it to JSON data first)`);
  }
  ancestors.push(object);
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0) out += ',';
    try {
      out += serializeString(key) + ':' + serializeValue(record[key], ancestors);
    } catch (error) {
      throw error instanceof CanonicalJsonError ? error.within(key) : error;
    }
  }
  ancestors.pop();
  return out + '}';
}
