import { runInNewContext } from 'node:vm';
import { CanonicalJsonError, canonicalizeJson } from './canonicalizeJson.js';

const fromBits = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalizeJson (RFC 8785)', () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the double %s as %s', (bits, expected) => {
    expect(canonicalizeJson(fromBits(bits))).toBe(expected);
  });

  it.each([
    [1e30, '1e+30'],
    [4.5, '4.5'],
    [0.002, '0.002'],
    [1e-7, '1e-7'],
    [1e-27, '1e-27'],
    [-0, '0'],
    [2 ** 53 + 2, '9007199254740994'],
    [123456789012345680000, '123456789012345680000'],
  ])('serializes %p as %s', (value, expected) => {
    expect(canonicalizeJson(value)).toBe(expected);
  });

  // RFC 8785 §3.2.2 and cyberphone/json-canonicalization testdata/values.json.
  it('canonicalizes the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    const expected =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(canonicalizeJson(input)).toBe(expected);
    // The RFC gives the UTF-8 bytes of the string member; check the escapes byte by byte.
    expect(Buffer.from(canonicalizeJson(input.string)).toString('hex')).toBe('22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f22');
  });

  // RFC 8785 §3.2.3: keys sorted by UTF-16 code units, not by code points or locale.
  it('sorts the RFC 8785 §3.2.3 keys by UTF-16 code units', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // '\r' (0x0D) before '1' (0x31); the emoji U+1F600 (surrogates D83D DE00) before U+FB33
    // although its code point is larger. (Object.keys cannot show this: it lists "1" first.)
    expect(canonicalizeJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // cyberphone/json-canonicalization testdata: weird.json, structures.json, arrays.json, french.json, unicode.json.
  it.each([
    [
      '{"\\u20ac":"Euro Sign","1":"One","\\u0080":"Control\\u007f","\\ud83d\\ude02":"Smiley","\\u00f6":"Latin Small Letter O With Diaeresis","\\ufb33":"Hebrew Letter Dalet With Dagesh","</script>":"Browser Challenge"}',
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      '{"1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    ['[56, {"d": true, "10": null, "1": [ ]}]', '[56,{"1":[],"10":null,"d":true}]'],
    [
      '{"peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ingnore locale"}',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    ['{"Unnormalized Unicode":"\\u1e0d\\u0307"}', '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
  ])('canonicalizes %s', (input, expected) => {
    expect(canonicalizeJson(JSON.parse(input))).toBe(expected);
  });

  it('escapes every control character, and only those, \\ and "', () => {
    const all = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)).join('');
    const out = canonicalizeJson(all);
    expect(out.startsWith('"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t')).toBe(true);
    expect(out).toContain('\\n\\u000b\\f\\r\\u000e');
    expect(out).toContain('\\u001f !\\"#');
    expect(out).toContain('[\\\\]');
    expect(out.endsWith('~\u007f"')).toBe(true);
    expect(JSON.parse(out)).toBe(all);
  });

  // Records may be built in another realm (a vm context, jest's sandbox) with its own Object.prototype.
  it('accepts plain objects from another realm but not class instances', () => {
    expect(canonicalizeJson(runInNewContext('({ b: [1, { c: null }], a: "x" })'))).toBe('{"a":"x","b":[1,{"c":null}]}');
    class Point {
      x = 1;
    }
    expect(() => canonicalizeJson({ p: new Point() })).toThrow('$.p: Point is not a plain JSON object');
  });

  it('accepts null-prototype objects and nested empty structures', () => {
    const bare = Object.assign(Object.create(null) as object, { b: [], a: {} });
    expect(canonicalizeJson(bare)).toBe('{"a":{},"b":[]}');
  });

  // Each of these would otherwise be dropped or converted by JSON.stringify, changing what is hashed.
  it.each([
    [NaN, '$: NaN is not a JSON number'],
    [Infinity, '$: Infinity is not a JSON number'],
    [{ a: -Infinity }, '$.a: -Infinity is not a JSON number'],
    [undefined, '$: undefined is not JSON data'],
    [{ a: { b: undefined } }, '$.a.b: undefined is not JSON data'],
    [[1, () => 1], '$[1]: function is not JSON data'],
    [{ s: Symbol('x') }, '$.s: symbol is not JSON data'],
    [{ n: 10n }, '$.n: bigint is not JSON data'],
    [{ when: new Date(0) }, '$.when: Date is not a plain JSON object (convert it to JSON data first)'],
    [{ bytes: Buffer.from('x') }, '$.bytes: Buffer is not a plain JSON object (convert it to JSON data first)'],
    [{ m: new Map() }, '$.m: Map is not a plain JSON object (convert it to JSON data first)'],
    [Object.assign(new Array<number>(3), { 0: 1, 2: 3 }), '$[1]: sparse array (hole)'],
    ['\ud800', '$: string contains a lone UTF-16 surrogate'],
    [{ 'a b': { '\udc00x': 1 } }, '$["a b"]["\\udc00x"]: string contains a lone UTF-16 surrogate'],
  ])('rejects %p', (value, message) => {
    expect(() => canonicalizeJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalizeJson(value)).toThrow(message);
  });

  it('rejects cycles with the path where the cycle closes', () => {
    const a: Record<string, unknown> = { x: [1] };
    (a.x as unknown[]).push(a);
    expect(() => canonicalizeJson(a)).toThrow('$.x[1]: cyclic structure');
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { v: 1 };
    expect(canonicalizeJson({ a: shared, b: [shared] })).toBe('{"a":{"v":1},"b":[{"v":1}]}');
  });
});
