import { canonicalizeJson } from './canonicalizeJson.js';
import { parseCanonicalRecord, readTopLevelSeq, toCanonicalRecord } from './canonicalRecord.js';
import { canonicalizeRecordContent } from './hashRecordContent.js';
import { createTestLedger, createTestRecordContent } from './testing/createTestLedger.js';

describe('canonical records', () => {
  it('converts both ways without losing anything', () => {
    for (const record of createTestLedger(30).records) {
      const canonical = toCanonicalRecord(record);
      expect(canonical.canonicalContent).toBe(canonicalizeRecordContent(record));
      expect(parseCanonicalRecord(canonical)).toEqual(record);
    }
  });

  it('reads seq from the canonical content of many records', () => {
    for (let seq = 1; seq <= 500; seq += 7) expect(readTopLevelSeq(canonicalizeRecordContent(createTestRecordContent(seq, seq)))).toBe(seq);
  });

  // The top-level member only: look-alikes inside strings and nested objects must be skipped.
  it('is not fooled by "seq" inside other members', () => {
    const content = {
      ...createTestRecordContent(12),
      detail: { a: '"seq":99,', b: { seq: 98, list: [{ seq: 97 }, '\\', '\\"', ']}'] }, 'x\\"seq': 96 },
      actor: { userId: 'u", "seq": 95' },
    };
    expect(readTopLevelSeq(canonicalizeRecordContent(content))).toBe(12);
  });

  it.each([
    ['', undefined],
    ['[]', undefined],
    ['{}', undefined],
    ['{"a":1}', undefined],
    ['{"seq":7}', 7],
    ['{"a":[1,{"b":"}"}],"seq":0,"z":1}', 0],
    ['{"seq":-1}', undefined],
    ['{"seq":1.5}', undefined],
    ['{"seq":"7"}', undefined],
    ['{"seq":07}', undefined],
    ['{"a":"unterminated', undefined],
    ['{"a":{"b":1}', undefined],
  ])('reads %s as %p', (text, seq) => {
    expect(readTopLevelSeq(text)).toBe(seq);
  });

  it('agrees with JSON.parse on generated objects (seeded)', () => {
    let state = 3;
    const random = (below: number): number => (state = (state * 48271) % 2147483647) % below;
    const makeValue = (depth: number): unknown => {
      const kind = random(depth > 2 ? 4 : 6);
      if (kind === 0) return random(1000) - 500;
      if (kind === 1) return ['', 'a"b', '\\', '}{', '"seq":', '\u00e9\ud83d\ude00'][random(6)];
      if (kind === 2) return [true, false, null][random(3)];
      if (kind === 3) return random(10) / 7;
      if (kind === 4) return Array.from({ length: random(4) }, () => makeValue(depth + 1));
      return Object.fromEntries(Array.from({ length: random(4) }, (_, i) => [['seq', 'a', 'z', `k${i}`][random(4)]!, makeValue(depth + 1)]));
    };
    for (let round = 0; round < 300; round++) {
      const object = makeValue(3) as Record<string, unknown>;
      const value = Object.fromEntries(Array.from({ length: 1 + random(5) }, (_, i) => [['seq', 'b', 'x', `m${i}`][random(4)]!, makeValue(0)]));
      const text = canonicalizeJson({ ...value, nested: object });
      const parsed = (JSON.parse(text) as Record<string, unknown>).seq;
      const expected = typeof parsed === 'number' && Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : undefined;
      expect(readTopLevelSeq(text)).toBe(expected);
    }
  });
});
