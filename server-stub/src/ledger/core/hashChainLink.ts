/**
 * The hash chain: chainHash(n) = SHA-256(chainHash(n-1) || leafHash(n)), chainHash(0) = 32
 * zero bytes. The Merkle tree gives proofs; the chain pins the order record by record, so a
 * verifier (or a store appending one record) needs only the previous record, not the tree.
 */
import { hash } from 'node:crypto';
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

/**
 * Checks consecutive stored chain hashes (hex) without allocating per record: the verifier's
 * inner loop. Equivalent to comparing hashChainLink(previous, leaf) with each stored value.
 */
export class ChainLinkChecker {
  /** previous chain hash || leaf hash, rewritten in place for each record. */
  private readonly link = Buffer.alloc(2 * HASH_SIZE);

  constructor(previousChainHashHex: string) {
    this.link.write(previousChainHashHex, 0, 'hex');
  }

  /** True when storedChainHashHex = SHA-256(previous || leaf); it then becomes the previous. */
  checkNext(leafHashHex: string, storedChainHashHex: string): boolean {
    this.link.write(leafHashHex, HASH_SIZE, 'hex');
    if (hash('sha256', this.link, 'hex') !== storedChainHashHex) return false;
    this.link.write(storedChainHashHex, 0, 'hex');
    return true;
  }
}
