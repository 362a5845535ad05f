/**
 * Every complete subtree hash of a growing tree, kept in one flat buffer per level (32 bytes
 * per node: about 64 MB for 10^6 leaves). Appending costs one node hash per leaf on average;
 * any root or proof at any earlier size then takes O(log n) lookups and hashes. It is the
 * reference node source for planProof.ts and what a store can keep as a cache (rebuilt from
 * its leaf hashes at start) when it does not persist the nodes itself.
 */
import { assembleProof, planConsistencyProof, planInclusionProof, planRootHash, type ProofPlan } from './planProof.js';
import { type TreeNodeId } from './treeNodes.js';
import { EMPTY_TREE_HASH, hashChildren, HASH_SIZE, type Hash } from './treeHashes.js';

export class InMemoryMerkleTree {
  private readonly levels: Buffer[] = [];
  private readonly counts: number[] = [];

  static fromLeafHashes(leafHashes: Iterable<Hash>): InMemoryMerkleTree {
    const tree = new InMemoryMerkleTree();
    for (const leaf of leafHashes) tree.appendLeafHash(leaf);
    return tree;
  }

  get size(): number {
    return this.counts[0] ?? 0;
  }

  appendLeafHash(leafHash: Hash): void {
    if (leafHash.length !== HASH_SIZE) throw new RangeError(`a leaf hash has ${HASH_SIZE} bytes, not ${leafHash.length}`);
    let index = this.size;
    this.storeNode(0, index, leafHash);
    // A right child completes its parent; climb while the new node is a right child.
    for (let level = 0; index % 2 === 1; level++) {
      const parent = hashChildren(this.viewNode(level, index - 1), this.viewNode(level, index));
      index = (index - 1) / 2;
      this.storeNode(level + 1, index, parent);
    }
  }

  /** The hash of a complete subtree; throws if the tree has not grown over all its leaves yet. */
  getNodeHash(node: TreeNodeId): Hash {
    return Buffer.from(this.viewNode(node.level, node.index));
  }

  getNodeHashes(nodes: readonly TreeNodeId[]): Hash[] {
    return nodes.map(node => this.getNodeHash(node));
  }

  /** MTH of the first `treeSize` leaves. */
  getRootHash(treeSize = this.size): Hash {
    return this.runPlan(planRootHash(this.checkSize(treeSize)))[0] ?? EMPTY_TREE_HASH;
  }

  proveInclusion(leafIndex: number, treeSize = this.size): Hash[] {
    return this.runPlan(planInclusionProof(leafIndex, this.checkSize(treeSize)));
  }

  proveConsistency(oldSize: number, newSize = this.size): Hash[] {
    return this.runPlan(planConsistencyProof(oldSize, this.checkSize(newSize)));
  }

  private runPlan(plan: ProofPlan): Hash[] {
    return assembleProof(plan, plan.nodes.map(node => this.viewNode(node.level, node.index)));
  }

  private checkSize(treeSize: number): number {
    if (treeSize > this.size) throw new RangeError(`tree size ${treeSize} exceeds the ${this.size} leaves held`);
    return treeSize;
  }

  private viewNode(level: number, index: number): Buffer {
    const count = this.counts[level] ?? 0;
    if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`node (level ${level}, index ${index}) is not complete in a tree of size ${this.size}`);
    }
    return this.levels[level]!.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  private storeNode(level: number, index: number, hash: Hash): void {
    let buffer = this.levels[level] ?? Buffer.alloc(0);
    if ((index + 1) * HASH_SIZE > buffer.length) {
      const grown = Buffer.alloc(Math.max(1024, buffer.length * 2));
      buffer.copy(grown);
      buffer = grown;
      this.levels[level] = buffer;
    }
    buffer.set(hash, index * HASH_SIZE);
    this.counts[level] = index + 1;
  }
}
