import { InMemoryMerkleTree } from './InMemoryMerkleTree.js';
import { assembleProof, planConsistencyProof, planInclusionProof, planRootHash } from './planProof.js';
import { getNodeRange } from './treeNodes.js';
import { EMPTY_TREE_HASH, hashLeaf } from './treeHashes.js';
import { verifyConsistencyProof, verifyInclusionProof } from './verifyProofs.js';

const hex = (hashes: Uint8Array[]): string[] => hashes.map(h => Buffer.from(h).toString('hex'));

describe('proof plans', () => {
  it('asks only for complete subtrees inside the tree, about 2·log2(n) of them', () => {
    for (const n of [1, 2, 3, 7, 8, 1000, 1_000_000, 2 ** 40 + 3]) {
      const budget = 2 * Math.ceil(Math.log2(n)) + 1;
      const plans = [planRootHash(n), planInclusionProof(n - 1, n), planInclusionProof(0, n), planConsistencyProof(Math.ceil(n / 3), n)];
      for (const plan of plans) {
        expect(plan.nodes.length).toBeLessThanOrEqual(budget);
        for (const node of plan.nodes) expect(getNodeRange(node).end).toBeLessThanOrEqual(n);
      }
    }
  });

  it('plans the RFC 9162 example proofs of the 7-leaf tree (§2.1.5)', () => {
    // Inclusion of d0 in the tree of 7 is [b, h, l]: leaves [1,2), [2,4), [4,7).
    expect(planInclusionProof(0, 7).elements.map(e => [e.start, e.end])).toEqual([
      [1, 2],
      [2, 4],
      [4, 7],
    ]);
    // Consistency between sizes 3 and 7 is [c, d, g, l]; 4 and 7 is [l]; 6 and 7 is [i, j, k].
    expect(planConsistencyProof(3, 7).elements.map(e => [e.start, e.end])).toEqual([
      [2, 3],
      [3, 4],
      [0, 2],
      [4, 7],
    ]);
    expect(planConsistencyProof(4, 7).elements.map(e => [e.start, e.end])).toEqual([[4, 7]]);
    expect(planConsistencyProof(6, 7).elements.map(e => [e.start, e.end])).toEqual([
      [4, 6],
      [6, 7],
      [0, 4],
    ]);
  });

  it('has nothing to prove from the empty tree or to the same size', () => {
    expect(planConsistencyProof(0, 5).nodes).toEqual([]);
    expect(planConsistencyProof(5, 5).nodes).toEqual([]);
    expect(planRootHash(0).nodes).toEqual([]);
  });

  it('assembles proofs a verifier accepts from fetched node hashes', () => {
    const tree = InMemoryMerkleTree.fromLeafHashes(Array.from({ length: 1000 }, (_, i) => hashLeaf(`r${i}`)));
    const plan = planInclusionProof(617, 999);
    const proof = assembleProof(plan, tree.getNodeHashes(plan.nodes));
    const rootHash = tree.getRootHash(999);
    expect(verifyInclusionProof({ leafIndex: 617, treeSize: 999, leafHash: hashLeaf('r617'), proof, rootHash })).toBe(true);
    const consistency = planConsistencyProof(333, 999);
    const oldRoot = tree.getRootHash(333);
    const cproof = assembleProof(consistency, tree.getNodeHashes(consistency.nodes));
    expect(verifyConsistencyProof({ oldSize: 333, newSize: 999, oldRoot, newRoot: rootHash, proof: cproof })).toBe(true);
    expect(hex(assembleProof(planRootHash(999), tree.getNodeHashes(planRootHash(999).nodes)))).toEqual(hex([rootHash]));
  });

  it('rejects impossible requests', () => {
    expect(() => planInclusionProof(5, 5)).toThrow(/leaf 5 is not in a tree of size 5/);
    expect(() => planInclusionProof(0, 0)).toThrow(RangeError);
    expect(() => planConsistencyProof(6, 5)).toThrow(/invalid leaf range/);
    expect(() => planRootHash(1.5)).toThrow(RangeError);
    expect(() => assembleProof(planRootHash(3), [])).toThrow(/needs 2 node hashes, got 0/);
  });
});

describe('proof verification edge cases', () => {
  const tree = InMemoryMerkleTree.fromLeafHashes([hashLeaf('a'), hashLeaf('b'), hashLeaf('c')]);
  const root3 = tree.getRootHash(3);

  it('accepts the empty consistency proof from size 0 and between equal trees only', () => {
    expect(verifyConsistencyProof({ oldSize: 0, newSize: 3, oldRoot: EMPTY_TREE_HASH, newRoot: root3, proof: [] })).toBe(true);
    expect(verifyConsistencyProof({ oldSize: 0, newSize: 3, oldRoot: EMPTY_TREE_HASH, newRoot: root3, proof: [root3] })).toBe(false);
    expect(verifyConsistencyProof({ oldSize: 3, newSize: 3, oldRoot: root3, newRoot: root3, proof: [] })).toBe(true);
    expect(verifyConsistencyProof({ oldSize: 3, newSize: 3, oldRoot: root3, newRoot: tree.getRootHash(2), proof: [] })).toBe(false);
    expect(verifyConsistencyProof({ oldSize: 3, newSize: 2, oldRoot: root3, newRoot: root3, proof: [] })).toBe(false);
  });

  it('rejects malformed inputs instead of throwing', () => {
    const leafHash = hashLeaf('a');
    const proof = tree.proveInclusion(0, 3);
    expect(verifyInclusionProof({ leafIndex: 0, treeSize: 3, leafHash, proof, rootHash: root3 })).toBe(true);
    expect(verifyInclusionProof({ leafIndex: -1, treeSize: 3, leafHash, proof, rootHash: root3 })).toBe(false);
    expect(verifyInclusionProof({ leafIndex: 3, treeSize: 3, leafHash, proof, rootHash: root3 })).toBe(false);
    expect(verifyInclusionProof({ leafIndex: 0, treeSize: 3, leafHash, proof: [proof[0]!.subarray(1), proof[1]!], rootHash: root3 })).toBe(false);
    expect(verifyInclusionProof({ leafIndex: 0, treeSize: 3, leafHash: leafHash.subarray(2), proof, rootHash: root3 })).toBe(false);
  });

  it('refuses to build proofs beyond the leaves it holds', () => {
    expect(() => tree.getRootHash(4)).toThrow(/exceeds the 3 leaves/);
    expect(() => tree.getNodeHash({ level: 1, index: 1 })).toThrow(/not complete/);
    expect(() => tree.appendLeafHash(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});
