/**
 * The hash chain: chainHash(n) = SHA-256(chainHash(n-1) || leafHash(n)), chainHash(0) = 32
 * zero bytes. The Merkle tree gives proofs; the chain pins the order record by record, so a
 * verifier (or a store appending one record) needs only the previous record, not the tree.
 */
import { HASH_SIZE, sha256, type Hash } from './treeHashes.js';

/** chainHash(0): the value the first record chains from. */
export const GENESIS_CHAIN_HASH: Hash = Buffer.alloc(HASH_SIZE);

/** SHA-256(previousChainHash || leafHash). */
export function hashChainLink(previousChainHash: Hash, leafHash: Hash): Buffer {
  const input = Buffer.allocUnsafe(2 * HASH_SIZE);
  input.set(previousChainHash, 0);
  input.set(leafHash, HASH_SIZE);
  return sha256(input);
}
