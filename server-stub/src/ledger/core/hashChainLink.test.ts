import { createHash } from 'node:crypto';
import { ChainLinkChecker, GENESIS_CHAIN_HASH, hashChainLink } from './hashChainLink.js';
import { hashLeaf } from './treeHashes.js';

const leaves = Array.from({ length: 6 }, (_, i) => hashLeaf(`record ${i}`));
const chain: string[] = [];
leaves.reduce<Uint8Array>((previous, leaf) => {
  const next = hashChainLink(previous, leaf);
  chain.push(next.toString('hex'));
  return next;
}, GENESIS_CHAIN_HASH);

describe('hash chain', () => {
  it('is SHA-256(previous || leaf) from 32 zero bytes', () => {
    const expected = createHash('sha256').update(Buffer.alloc(32)).update(leaves[0]!).digest('hex');
    expect(chain[0]).toBe(expected);
  });

  it('is checked link by link without allocating, agreeing with hashChainLink', () => {
    const checker = new ChainLinkChecker(Buffer.from(GENESIS_CHAIN_HASH).toString('hex'));
    leaves.forEach((leaf, i) => expect(checker.checkNext(leaf.toString('hex'), chain[i]!)).toBe(true));
  });

  it('refuses a wrong link and keeps its place', () => {
    const checker = new ChainLinkChecker(chain[1]!);
    expect(checker.checkNext(leaves[2]!.toString('hex'), chain[3]!)).toBe(false);
    expect(checker.checkNext(leaves[3]!.toString('hex'), chain[3]!)).toBe(false);
    expect(checker.checkNext(leaves[2]!.toString('hex'), chain[2]!)).toBe(true);
  });
});
