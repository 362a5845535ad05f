/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
 * write it: walking the proof with the bit patterns of the indexes, never by rebuilding a
 * tree, so a verifier needs nothing but the proof and the two roots. Bit operations are
 * written as arithmetic (see treeNodes.ts) to stay exact beyond 2^32 leaves.
 */
import { areHashesEqual, hashChildren, HASH_SIZE, type Hash } from './treeHashes.js';

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

function areWellFormedHashes(hashes: readonly Hash[]): boolean {
  return hashes.every(h => h.length === HASH_SIZE);
}

export interface InclusionProofInput {
  leafIndex: number;
  treeSize: number;
  leafHash: Hash;
  proof: readonly Hash[];
  rootHash: Hash;
}

/** True when `proof` shows the leaf with `leafHash` at `leafIndex` in the tree of `treeSize` with `rootHash`. */
export function verifyInclusionProof({ leafIndex, treeSize, leafHash, proof, rootHash }: InclusionProofInput): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) {
    return false;
  }
  if (!areWellFormedHashes(proof) || leafHash.length !== HASH_SIZE) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && areHashesEqual(r, rootHash);
}

export interface ConsistencyProofInput {
  oldSize: number;
  newSize: number;
  oldRoot: Hash;
  newRoot: Hash;
  proof: readonly Hash[];
}

/** True when `proof` shows the tree (oldSize, oldRoot) is a prefix of the tree (newSize, newRoot). */
export function verifyConsistencyProof({ oldSize, newSize, oldRoot, newRoot, proof }: ConsistencyProofInput): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false;
  }
  if (!areWellFormedHashes(proof)) return false;
  // The trivial cases RFC 9162 leaves outside the algorithm: nothing to prove, so the proof is empty.
  if (oldSize === 0) return proof.length === 0;
  if (oldSize === newSize) return proof.length === 0 && areHashesEqual(oldRoot, newRoot);
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && areHashesEqual(fr, oldRoot) && areHashesEqual(sr, newRoot);
}
