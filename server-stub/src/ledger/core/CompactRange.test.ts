import { CompactRange, type TreeNodeHash } from './CompactRange.js';
import { InMemoryMerkleTree } from './InMemoryMerkleTree.js';
import { hashLeaf } from './treeHashes.js';
import { decomposeRange } from './treeNodes.js';

const leaves = Array.from({ length: 100 }, (_, i) => hashLeaf(`leaf ${i}`));
const tree = InMemoryMerkleTree.fromLeafHashes(leaves);
const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');

function buildRange(begin: number, end: number): CompactRange {
  const range = new CompactRange(begin);
  for (let i = begin; i < end; i++) range.appendLeaf(leaves[i]!);
  return range;
}

describe('CompactRange', () => {
  it('joins independently built adjacent ranges into the same tree, at every split', () => {
    for (let size = 1; size <= 40; size++) {
      const expected = hex(tree.getRootHash(size));
      for (let split = 0; split <= size; split++) {
        const joined = buildRange(0, split);
        joined.appendRange(buildRange(split, size).toData());
        expect(joined.end).toBe(size);
        expect(hex(joined.getRootHash())).toBe(expected);
      }
    }
  });

  it('joins many pages of uneven sizes (seeded)', () => {
    let seed = 7;
    const nextPage = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 9;
    const joined = new CompactRange();
    while (joined.end < leaves.length) {
      const end = Math.min(leaves.length, joined.end + nextPage());
      joined.appendRange(buildRange(joined.end, end));
      expect(hex(joined.getRootHash())).toBe(hex(tree.getRootHash(end)));
    }
  });

  it('keeps only the maximal complete subtrees', () => {
    expect(buildRange(0, 13).getNodes().map(n => [n.level, n.index])).toEqual([
      [3, 0],
      [2, 2],
      [0, 12],
    ]);
    expect(buildRange(3, 13).getNodes().map(n => [n.level, n.index])).toEqual([
      [0, 3],
      [2, 1],
      [2, 2],
      [0, 12],
    ]);
  });

  it('reports every interior node as it completes, with the same hash the full tree has', () => {
    const reported: TreeNodeHash[] = [];
    const range = new CompactRange(0, { onNode: node => reported.push(node) });
    leaves.forEach(leaf => range.appendLeaf(leaf));
    // A tree of n leaves has n - popcount(n) complete interior nodes: 100 = 0b1100100 → 97.
    expect(reported).toHaveLength(97);
    for (const node of reported) expect(hex(node.hash)).toBe(hex(tree.getNodeHash(node)));
  });

  // How a store that persists complete subtrees resumes appending after a restart.
  it('resumes from the stored nodes of [0, size) and keeps growing the same tree', () => {
    for (const size of [0, 1, 13, 64, 77]) {
      const nodes = decomposeRange(0, size).map(node => ({ level: node.level, hash: tree.getNodeHash(node) }));
      const resumed = CompactRange.fromData({ begin: 0, end: size, nodes });
      for (let i = size; i < leaves.length; i++) resumed.appendLeaf(leaves[i]!);
      expect(hex(resumed.getRootHash())).toBe(hex(tree.getRootHash()));
    }
  });

  it('round-trips through plain data and clones independently', () => {
    const range = buildRange(5, 37);
    const copy = CompactRange.fromData(structuredClone(range.toData()));
    expect(hex(copy.getRootHash())).toBe(hex(range.getRootHash()));
    const clone = range.clone();
    clone.appendLeaf(leaves[37]!);
    expect(range.end).toBe(37);
    expect(clone.end).toBe(38);
  });

  // Guards against silently building a different tree from misplaced input.
  it('rejects nodes that are not aligned, non-adjacent ranges and inconsistent data', () => {
    expect(() => buildRange(0, 3).appendNode(1, leaves[0]!)).toThrow(/cannot start at leaf 3/);
    expect(() => buildRange(0, 3).appendRange(buildRange(4, 6))).toThrow(/cannot append range \[4, 6\)/);
    expect(() => CompactRange.fromData({ begin: 0, end: 5, nodes: [{ level: 2, hash: leaves[0]! }] })).toThrow(/end at 4, not 5/);
    expect(() => new CompactRange(-1)).toThrow(RangeError);
  });
});
