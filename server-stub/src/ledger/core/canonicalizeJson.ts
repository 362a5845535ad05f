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
  // Most strings (keys, UIDs, kinds) need no escaping; quoting them directly is several
  // times faster than JSON.stringify, and the verifier canonicalizes every record.
  if (!needsEscapeOrCheck(value)) return `"${value}"`;
  if (hasLoneSurrogate(value)) throw new CanonicalJsonError('string contains a lone UTF-16 surrogate');
  return JSON.stringify(value);
}

/** True for ", \\, control characters and any surrogate. A loop: faster than a regex here. */
function needsEscapeOrCheck(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
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

/** @internal For hashRecordContent: like canonicalizeJson, but members of this one object whose value is undefined are left out. */
export function canonicalizeJsonSkippingUndefinedMembers(value: unknown): string {
  return isPlainObject(value) ? serializeObject(value, [], true) : serializeValue(value, []);
}

/**
 * A plain object's prototype is Object.prototype of *some* realm (vm contexts, jest, other
 * frames), whose own prototype is null; class instances have longer chains.
 */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function serializeObject(object: object, ancestors: object[], skipUndefined = false): string {
  if (!isPlainObject(object)) {
    const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new CanonicalJsonError(`${name} is not a plain JSON object (convert it to JSON data first)`);
  }
  ancestors.push(object);
  const record = object as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  let out = '{';
  for (const key of keys) {
    const value = record[key];
    if (skipUndefined && value === undefined) continue;
    if (out.length > 1) out += ',';
    try {
      out += serializeString(key) + ':' + serializeValue(value, ancestors);
    } catch (error) {
      throw error instanceof CanonicalJsonError ? error.within(key) : error;
    }
  }
  ancestors.pop();
  return out + '}';
}

/**
 * Sorts by UTF-16 code units (what `<` on strings compares). Insertion sort for the few keys
 * records have is several times faster than Array.prototype.sort.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 12) return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}
