import { createHash } from 'node:crypto';
import { canonicalizeJson } from './canonicalizeJson.js';
import { canonicalizeRecordContent, getHashedRecordContent, hashRecordContent } from './hashRecordContent.js';
import { createTestRecordContent } from './testing/createTestLedger.js';
import { GENESIS_CHAIN_HASH } from './hashChainLink.js';
import type { LedgerRecordContent } from './ledgerRecord.js';
import { InvalidRecordError, sealRecord } from './sealRecord.js';
import { validateRecordContent } from './validateRecordContent.js';

const content: LedgerRecordContent = {
  seq: 1,
  recordedAt: '2025-01-31T08:15:00.000Z',
  kind: 'label.created',
  actor: { userId: 'u-17', role: 'labeler', clientId: 'viewer-3' },
  subject: { StudyInstanceUID: '1.2.840.113619.2.55.3', labelId: 'lbl-9', labelVersion: 1 },
  detail: { tool: 'RectangleROI', finding: 'nodule', confidence: 0.8 },
};

describe('record hashing', () => {
  it('hashes exactly the six content fields, canonically', () => {
    expect(canonicalizeRecordContent(content)).toBe(
      '{"actor":{"clientId":"viewer-3","role":"labeler","userId":"u-17"},' +
        '"detail":{"confidence":0.8,"finding":"nodule","tool":"RectangleROI"},' +
        '"kind":"label.created","recordedAt":"2025-01-31T08:15:00.000Z","seq":1,' +
        '"subject":{"StudyInstanceUID":"1.2.840.113619.2.55.3","labelId":"lbl-9","labelVersion":1}}',
    );
    const expected = createHash('sha256').update(Buffer.from([0])).update(canonicalizeRecordContent(content)).digest('hex');
    expect(hashRecordContent(content).toString('hex')).toBe(expected);
  });

  // canonicalizeRecordContent is a hand-written fast path; the definition is JCS(getHashedRecordContent).
  it('writes exactly JCS(getHashedRecordContent(record)), including the errors', () => {
    const outcome = (run: () => string): string => {
      try {
        return run();
      } catch (error) {
        return `error: ${(error as Error).message}`;
      }
    };
    const records: unknown[] = Array.from({ length: 300 }, (_, i) => createTestRecordContent(i + 1, i % 7));
    class Role {}
    records.push(
      { ...content, actor: { userId: 'u', role: undefined }, subject: { labelId: undefined } },
      { ...content, actor: { userId: 'u', nested: { gone: undefined } } },
      { ...content, detail: { when: new Date(0) } },
      { ...content, actor: new Role() },
      { ...content, subject: null, seq: -0 },
      { ...content, kind: '\ud800' },
      { ...content, detail: undefined },
    );
    for (const record of records as LedgerRecordContent[]) {
      expect(outcome(() => canonicalizeRecordContent(record))).toBe(outcome(() => canonicalizeJson(getHashedRecordContent(record))));
    }
  });

  it('ignores the derived hashes, unknown fields and undefined optional fields', () => {
    const stored = { ...content, leafHash: 'x', chainHash: 'y', rowId: 5, actor: { ...content.actor, role: 'labeler', extra: undefined } };
    expect(hashRecordContent(stored)).toEqual(hashRecordContent(content));
  });

  // Each field is covered: changing any of them changes the leaf hash.
  it.each([
    ['seq', { seq: 2 }],
    ['recordedAt', { recordedAt: '2025-01-31T08:15:00.001Z' }],
    ['kind', { kind: 'label.updated' }],
    ['actor', { actor: { userId: 'u-18', role: 'labeler', clientId: 'viewer-3' } }],
    ['subject', { subject: { ...content.subject, labelVersion: 2 } }],
    ['detail', { detail: { ...content.detail, confidence: 0.81 } }],
  ])('covers %s', (_, change) => {
    expect(hashRecordContent({ ...content, ...change })).not.toEqual(hashRecordContent(content));
  });
});

describe('sealRecord', () => {
  // The example in docs/audit-ledger.md, "Record format and hashing".
  it('seals the documented example to the documented hashes', () => {
    const example: LedgerRecordContent = { ...content, detail: { tool: 'RectangleROI', finding: 'nodule' } };
    const sealed = sealRecord(example, GENESIS_CHAIN_HASH);
    expect(sealed.leafHash).toBe('76465128f79cb153e2925bf5c208c54969549dc5af0447470fa69b1faba82095');
    expect(sealed.chainHash).toBe('a5b4b4998e1df26e912f6656ebaad76863b980562f6d3994ac4abcab652e4977');
  });

  it('derives the leaf hash and chains from the previous chain hash', () => {
    const first = sealRecord(content, GENESIS_CHAIN_HASH);
    expect(first.leafHash).toBe(hashRecordContent(content).toString('hex'));
    const chain = createHash('sha256').update(Buffer.alloc(32)).update(Buffer.from(first.leafHash, 'hex')).digest('hex');
    expect(first.chainHash).toBe(chain);
    const second = sealRecord({ ...content, seq: 2 }, first.chainHash);
    expect(second.chainHash).toBe(
      createHash('sha256').update(Buffer.from(first.chainHash, 'hex')).update(Buffer.from(second.leafHash, 'hex')).digest('hex'),
    );
  });

  it('keeps only the ledger fields, as hashed, sharing nothing with the input', () => {
    const input = { ...content, rowId: 5, actor: { ...content.actor, role: undefined } } as LedgerRecordContent;
    const sealed = sealRecord(input, GENESIS_CHAIN_HASH);
    expect(Object.keys(sealed).sort()).toEqual(['actor', 'chainHash', 'detail', 'kind', 'leafHash', 'recordedAt', 'seq', 'subject']);
    expect(sealed.actor).toEqual({ clientId: 'viewer-3', userId: 'u-17' });
    expect(sealed.detail).not.toBe(input.detail);
    expect(sealed.detail).toEqual(input.detail);
  });

  it('reports every problem at once', () => {
    const bad = { ...content, seq: 0, kind: 'Label Created', detail: { at: new Date(0) } } as unknown as LedgerRecordContent;
    try {
      sealRecord(bad, 'abcd');
      throw new Error('sealRecord accepted invalid content');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRecordError);
      expect((error as InvalidRecordError).problems).toEqual([
        'seq must be a positive integer, not 0',
        'kind must be dotted lower-case words such as label.created, not "Label Created"',
        '$.detail.at: Date is not a plain JSON object (convert it to JSON data first)',
        'previousChainHash must be 32 bytes (64 hex digits)',
      ]);
    }
  });
});

describe('validateRecordContent', () => {
  it('accepts a complete record and a minimal one', () => {
    expect(validateRecordContent(content)).toEqual([]);
    expect(validateRecordContent({ ...content, actor: { userId: 'u' }, subject: {}, detail: {} })).toEqual([]);
  });

  it.each([
    [{ seq: 1.5 }, 'seq must be a positive integer, not 1.5'],
    [{ recordedAt: '2025-01-31T08:15:00Z' }, 'recordedAt must be UTC RFC 3339 with milliseconds'],
    [{ recordedAt: '2025-01-31T08:15:00.000+01:00' }, 'recordedAt must be UTC RFC 3339 with milliseconds'],
    [{ recordedAt: '2025-02-30T08:15:00.000Z' }, 'recordedAt must be UTC RFC 3339 with milliseconds'],
    [{ kind: '' }, 'kind must be dotted lower-case words'],
    [{ actor: { userId: '' } }, 'actor.userId must be a non-empty string'],
    [{ actor: { userId: 'u', role: 3 } }, 'actor.role must be a non-empty string when present'],
    [{ actor: null }, 'actor must be an object'],
    [{ subject: { StudyInstanceUID: '1.2.03' } }, 'subject.StudyInstanceUID must be a DICOM UID'],
    [{ subject: { SeriesInstanceUID: '1.'.repeat(33) + '1' } }, 'subject.SeriesInstanceUID must be a DICOM UID'],
    [{ subject: { SOPInstanceUIDs: ['1.2', 'x'] } }, 'subject.SOPInstanceUIDs must be an array of DICOM UIDs'],
    [{ subject: { labelVersion: 0 } }, 'subject.labelVersion must be a positive integer when present'],
    [{ subject: [] }, 'subject must be an object'],
    [{ detail: [] }, 'detail must be a JSON object'],
  ])('rejects %p', (change, message) => {
    const problems = validateRecordContent({ ...content, ...change } as unknown as LedgerRecordContent);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
