// Cross-checks the tree, proof planning and proof verification against a naive recursive
// implementation written straight from RFC 9162 §2.1 (MTH, PATH, SUBPROOF), with its own
// SHA-256 calls, for every tree size 1..64 and every (m, n) pair.
import { createHash } from 'node:crypto';
import { CompactRange } from './CompactRange.js';
import { InMemoryMerkleTree } from './InMemoryMerkleTree.js';
import { hashLeaf } from './treeHashes.js';
import { verifyConsistencyProof, verifyInclusionProof } from './verifyProofs.js';

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

function naiveMth(entries: Buffer[]): Buffer {
  const n = entries.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Buffer.from([0]), entries[0]!);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(Buffer.from([1]), naiveMth(entries.slice(0, k)), naiveMth(entries.slice(k)));
}

function naivePath(m: number, entries: Buffer[]): Buffer[] {
  const n = entries.length;
  if (n <= 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k
    ? [...naivePath(m, entries.slice(0, k)), naiveMth(entries.slice(k))]
    : [...naivePath(m - k, entries.slice(k)), naiveMth(entries.slice(0, k))];
}

function naiveSubproof(m: number, entries: Buffer[], b: boolean): Buffer[] {
  const n = entries.length;
  if (m === n) return b ? [] : [naiveMth(entries)];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m <= k
    ? [...naiveSubproof(m, entries.slice(0, k), b), naiveMth(entries.slice(k))]
    : [...naiveSubproof(m - k, entries.slice(k), false), naiveMth(entries.slice(0, k))];
}

const MAX = 64;
// Distinct entries of varying length, including the empty one.
const entries = Array.from({ length: MAX }, (_, i) => Buffer.from(Array.from({ length: i % 7 }, (_, j) => (i * 31 + j) & 0xff)));
const tree = InMemoryMerkleTree.fromLeafHashes(entries.map(e => hashLeaf(e)));
const hex = (hashes: Uint8Array[]): string[] => hashes.map(h => Buffer.from(h).toString('hex'));
const flipBit = (h: Uint8Array): Buffer => {
  const copy = Buffer.from(h);
  copy[7]! ^= 0x10;
  return copy;
};

describe('Merkle tree against a naive RFC 9162 implementation', () => {
  it('computes the root of every size 0..64, incrementally and at earlier sizes', () => {
    const range = new CompactRange();
    expect(hex([range.getRootHash()])).toEqual(hex([naiveMth([])]));
    for (let n = 1; n <= MAX; n++) {
      range.appendLeaf(hashLeaf(entries[n - 1]!));
      const expected = hex([naiveMth(entries.slice(0, n))]);
      expect(hex([range.getRootHash()])).toEqual(expected);
      expect(hex([tree.getRootHash(n)])).toEqual(expected);
    }
  });

  it('builds and verifies the inclusion proof of every leaf in every tree', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = tree.getRootHash(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.proveInclusion(m, n);
        expect(hex(proof)).toEqual(hex(naivePath(m, entries.slice(0, n))));
        const leafHash = hashLeaf(entries[m]!);
        expect(verifyInclusionProof({ leafIndex: m, treeSize: n, leafHash, proof, rootHash: root })).toBe(true);
      }
    }
  });

  // A changed tree size alone is not tested: for many sizes the proof of (m, n) has the same
  // shape as one for (m, n + 1), and RFC 9162 verification then accepts it. That is sound
  // because a root is only trusted together with its size (both are in the signed checkpoint).
  it('rejects inclusion proofs with any element, the index, the leaf or the root changed', () => {
    for (let n = 1; n <= 24; n++) {
      const rootHash = tree.getRootHash(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.proveInclusion(m, n);
        const leafHash = hashLeaf(entries[m]!);
        const ok = (over: Partial<Parameters<typeof verifyInclusionProof>[0]>): boolean =>
          verifyInclusionProof({ leafIndex: m, treeSize: n, leafHash, proof, rootHash, ...over });
        proof.forEach((p, i) => expect(ok({ proof: proof.map((q, j) => (j === i ? flipBit(p) : q)) })).toBe(false));
        expect(ok({ leafHash: flipBit(leafHash) })).toBe(false);
        expect(ok({ rootHash: flipBit(rootHash) })).toBe(false);
        if (n > 1) expect(ok({ leafIndex: (m + 1) % n })).toBe(false);
        expect(ok({ proof: [...proof, rootHash] })).toBe(false);
        if (proof.length > 0) expect(ok({ proof: proof.slice(0, -1) })).toBe(false);
      }
    }
  });

  it('builds and verifies the consistency proof of every pair 0 < m ≤ n ≤ 64', () => {
    for (let n = 1; n <= MAX; n++) {
      const newRoot = tree.getRootHash(n);
      for (let m = 1; m <= n; m++) {
        const proof = tree.proveConsistency(m, n);
        expect(hex(proof)).toEqual(hex(m === n ? [] : naiveSubproof(m, entries.slice(0, n), true)));
        const oldRoot = tree.getRootHash(m);
        expect(verifyConsistencyProof({ oldSize: m, newSize: n, oldRoot, newRoot, proof })).toBe(true);
      }
    }
  });

  it('rejects consistency proofs with any element, the old size or a root changed', () => {
    for (let n = 2; n <= 24; n++) {
      const newRoot = tree.getRootHash(n);
      for (let m = 1; m < n; m++) {
        const proof = tree.proveConsistency(m, n);
        const oldRoot = tree.getRootHash(m);
        const ok = (over: Partial<Parameters<typeof verifyConsistencyProof>[0]>): boolean =>
          verifyConsistencyProof({ oldSize: m, newSize: n, oldRoot, newRoot, proof, ...over });
        proof.forEach((p, i) => expect(ok({ proof: proof.map((q, j) => (j === i ? flipBit(p) : q)) })).toBe(false));
        expect(ok({ oldRoot: flipBit(oldRoot) })).toBe(false);
        expect(ok({ newRoot: flipBit(newRoot) })).toBe(false);
        expect(ok({ oldSize: m + 1 === n ? m - 1 || n : m + 1 })).toBe(false);
        expect(ok({ proof: [] })).toBe(false);
        expect(ok({ proof: [...proof, newRoot] })).toBe(false);
      }
    }
  });
});
