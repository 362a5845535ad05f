import { readTopLevelSeq, toCanonicalRecord } from './canonicalRecord.js';
import type { CanonicalLedgerRecord } from './ledgerRecord.js';
import { readCanonicalSeq, readFlatRecordSeq, summarizeCanonicalPage } from './summarizeCanonicalPage.js';
import { summarizeRecordPage } from './summarizeRecordPage.js';
import { createTestLedger } from './testing/createTestLedger.js';
import { flatRecordText, seqTexts } from './testing/seqTexts.js';
import type { TreeNodeHash } from './CompactRange.js';

const records = createTestLedger(1100).records.map(toCanonicalRecord);

/** Hashes as hex, whatever view (Buffer, Uint8Array) holds them. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]));
  return value;
}

function summarizeSlowly(page: CanonicalLedgerRecord[], startIndex: number, minNodeLevel: number) {
  const nodes: TreeNodeHash[] = [];
  const summary = summarizeRecordPage(page, startIndex, 0, page.length, { onNode: node => node.level >= minNodeLevel && nodes.push(node) });
  return { summary, nodes };
}

describe('summarizeCanonicalPage (the fast path of summarizeRecordPage)', () => {
  it.each([
    [0, 1100, 0],
    [0, 1024, 8],
    [1, 1, 0],
    [1, 255, 2],
    [255, 514, 3],
    [513, 77, 1],
    [640, 460, 8],
    [1099, 1, 0],
  ])('gives summarizeRecordPage summary and completed subtrees for records %i.. (%i of them, subtrees from level %i)', (start, count, minNodeLevel) => {
    const page = records.slice(start, start + count);
    const fast = summarizeCanonicalPage(page, start, minNodeLevel);
    expect(fast).toBeDefined();
    expect(plain(fast)).toEqual(plain(summarizeSlowly(page, start, minNodeLevel)));
  });

  it('names the stored-size subtrees a page completes, in completion order', () => {
    const fast = summarizeCanonicalPage(records.slice(0, 1024), 0, 8)!;
    expect(fast.nodes.map(node => `${node.level}/${node.index}`)).toEqual(['8/0', '8/1', '9/0', '8/2', '8/3', '9/1', '10/0']);
  });

  const tampered: Array<[string, (page: CanonicalLedgerRecord[]) => void]> = [
    ['a modified text', page => (page[5] = { ...page[5]!, canonicalContent: page[5]!.canonicalContent.replace('"kind":"', '"kind":"x') })],
    ['a wrong leaf hash', page => (page[5] = { ...page[5]!, leafHash: page[4]!.leafHash })],
    ['a wrong chain hash', page => (page[5] = { ...page[5]!, chainHash: page[4]!.chainHash })],
    ['a first chain hash that is not hex', page => (page[0] = { ...page[0]!, chainHash: page[0]!.chainHash.toUpperCase() })],
    ['a seq gap', page => page.splice(5, 1)],
    ['two records swapped', page => page.splice(5, 2, page[6]!, page[5]!)],
    ['a seq column that differs from the hashed seq', page => (page[5] = { ...page[7]!, seq: page[5]!.seq })],
    ['content fields beside the text', page => (page[5] = { ...page[5]!, kind: 'study.opened' } as CanonicalLedgerRecord)],
  ];

  it.each(tampered)('leaves a page with %s to summarizeRecordPage (undefined)', (_name, tamper) => {
    const page = records.slice(100, 120);
    tamper(page);
    expect(summarizeCanonicalPage(page, 100)).toBeUndefined();
    expect(summarizeRecordPage(page, 100).problem).toBeDefined();
  });

  it('leaves a page at the wrong position, and an empty page, to summarizeRecordPage', () => {
    expect(summarizeCanonicalPage(records.slice(100, 120), 101)).toBeUndefined();
    expect(summarizeCanonicalPage([], 0)).toBeUndefined();
  });
});

describe('readCanonicalSeq', () => {
  const texts = seqTexts(records);

  it('reads what readTopLevelSeq reads, from records and from texts made to mislead it', () => {
    for (const text of texts) expect({ text, seq: readCanonicalSeq(text) }).toEqual({ text, seq: readTopLevelSeq(text) });
    for (const text of texts) if (readFlatRecordSeq(text) !== undefined) expect({ text, seq: readFlatRecordSeq(text) }).toEqual({ text, seq: readTopLevelSeq(text) });
  });

  it('reads the usual record by its own pattern, and leaves the others to readTopLevelSeq', () => {
    expect([flatRecordText(123), flatRecordText(42, {}), flatRecordText(7, { a: 1, b: true, c: null, d: -2.5e3 })].map(readFlatRecordSeq)).toEqual([123, 42, 7]);
    expect([flatRecordText(8, { text: 'quote " inside' }), flatRecordText(9, { nested: { seq: 1 } }), records[0]!.canonicalContent].map(readFlatRecordSeq)).toEqual([undefined, undefined, undefined]);
  });
});
