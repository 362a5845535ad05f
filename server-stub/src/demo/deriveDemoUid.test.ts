import { createHash } from 'node:crypto';
import { deriveDemoUid, uuidBytesToUid } from './deriveDemoUid.js';
import { READINGROOM_IMPLEMENTATION_CLASS_UID } from './dicomPart10.js';

function uuidOf(uid: string): string {
  return BigInt(uid.slice('2.25.'.length)).toString(16).padStart(32, '0');
}

describe('deriveDemoUid', () => {
  it('is a valid 2.25 UID from a version 8, RFC 9562 variant UUID', () => {
    for (let i = 0; i < 200; i++) {
      const uid = deriveDemoUid(i, `study/${i}`);
      expect(uid).toMatch(/^2\.25\.(0|[1-9][0-9]*)$/);
      expect(uid.length).toBeLessThanOrEqual(64);
      const hex = uuidOf(uid);
      expect(hex[12]).toBe('8');
      expect(['8', '9', 'a', 'b']).toContain(hex[16]);
    }
  });

  it('depends only on the seed and the path', () => {
    expect(deriveDemoUid(7, 'ct-chest/study')).toBe(deriveDemoUid(7, 'ct-chest/study'));
    expect(deriveDemoUid(7, 'ct-chest/study')).not.toBe(deriveDemoUid(8, 'ct-chest/study'));
    expect(deriveDemoUid(7, 'ct-chest/study')).not.toBe(deriveDemoUid(7, 'ct-chest-prior/study'));
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => deriveDemoUid(1.5, 'x')).toThrow(RangeError);
    expect(() => deriveDemoUid(Number.MAX_SAFE_INTEGER + 1, 'x')).toThrow(RangeError);
  });

  // The constant is written out for readability; this pins down where it comes from.
  it('derives the implementation class UID from its documented name', () => {
    const hash = createHash('sha256').update('readingroom/implementation-class-uid').digest();
    expect(uuidBytesToUid(hash)).toBe(READINGROOM_IMPLEMENTATION_CLASS_UID);
  });
});
