/**
 * A compact range: the hashes of the maximal perfect subtrees covering leaves [begin, end),
 * at most 2·log2(n) of them. It is how the ledger keeps a growing tree in O(log n) memory:
 * appending a leaf merges equal-sized neighbours (one node hash per leaf on average), the
 * root of [0, n) is the right-to-left fold of the nodes, and two adjacent ranges merge into
 * one — which lets pages of records be hashed independently (in parallel) and joined.
 */
import { type TreeNodeId } from './treeNodes.js';
import { EMPTY_TREE_HASH, hashChildren, type Hash } from './treeHashes.js';

export interface TreeNodeHash extends TreeNodeId {
  hash: Hash;
}

/** A compact range as plain data (what a worker hands back, what a store may persist). */
export interface CompactRangeData {
  begin: number;
  end: number;
  /** Left to right; each node's index follows from begin and the levels before it. */
  nodes: { level: number; hash: Hash }[];
}

export interface CompactRangeOptions {
  /** Called with every interior node completed by an append, e.g. for a store to persist. */
  onNode?: (node: TreeNodeHash) => void;
}

export class CompactRange {
  readonly begin: number;
  private endIndex: number;
  private readonly levels: number[] = [];
  private readonly hashes: Hash[] = [];
  private readonly onNode: ((node: TreeNodeHash) => void) | undefined;

  constructor(begin = 0, options: CompactRangeOptions = {}) {
    if (!Number.isSafeInteger(begin) || begin < 0) throw new RangeError(`invalid range start ${begin}`);
    this.begin = begin;
    this.endIndex = begin;
    this.onNode = options.onNode;
  }

  /** Rebuilds a range from its plain-data form. */
  static fromData(data: CompactRangeData, options: CompactRangeOptions = {}): CompactRange {
    const range = new CompactRange(data.begin, options);
    for (const node of data.nodes) range.appendNode(node.level, node.hash);
    if (range.end !== data.end) throw new RangeError(`compact range nodes end at ${range.end}, not ${data.end}`);
    return range;
  }

  get end(): number {
    return this.endIndex;
  }

  appendLeaf(leafHash: Hash): void {
    this.appendNode(0, leafHash);
  }

  /** Appends a whole perfect subtree; it must start at the current end and be aligned to its size. */
  appendNode(level: number, hash: Hash): void {
    let width = 2 ** level;
    if (this.endIndex % width !== 0) {
      throw new RangeError(`a level-${level} node cannot start at leaf ${this.endIndex}`);
    }
    this.levels.push(level);
    this.hashes.push(hash);
    this.endIndex += width;
    // Merge while the last two nodes are siblings: same level, and the left one starts on a
    // boundary of the parent's width (equivalently, the new end is aligned to it).
    let n = this.levels.length;
    while (n >= 2 && this.levels[n - 2] === this.levels[n - 1] && this.endIndex % (2 * width) === 0) {
      const right = this.hashes.pop()!;
      const left = this.hashes.pop()!;
      this.levels.pop();
      const parent = hashChildren(left, right);
      const parentLevel = this.levels[n - 2]! + 1;
      this.levels[n - 2] = parentLevel;
      this.hashes.push(parent);
      width *= 2;
      this.onNode?.({ level: parentLevel, index: (this.endIndex - width) / width, hash: parent });
      n--;
    }
  }

  /** Appends the adjacent range [this.end, other.end). */
  appendRange(other: CompactRange | CompactRangeData): void {
    const data = other instanceof CompactRange ? other.toData() : other;
    if (data.begin !== this.endIndex) {
      throw new RangeError(`cannot append range [${data.begin}, ${data.end}) to one ending at ${this.endIndex}`);
    }
    for (const node of data.nodes) this.appendNode(node.level, node.hash);
  }

  /** The nodes with their positions, left to right. */
  getNodes(): TreeNodeHash[] {
    let at = this.begin;
    return this.levels.map((level, i) => {
      const width = 2 ** level;
      const node = { level, index: at / width, hash: this.hashes[i]! };
      at += width;
      return node;
    });
  }

  /**
   * The right-to-left fold of the nodes: the Merkle tree hash MTH(D[begin:end]) when the
   * range is a tree node (always for begin = 0); EMPTY_TREE_HASH for an empty range.
   */
  getRootHash(): Hash {
    const count = this.hashes.length;
    if (count === 0) return EMPTY_TREE_HASH;
    let root = this.hashes[count - 1]!;
    for (let i = count - 2; i >= 0; i--) root = hashChildren(this.hashes[i]!, root);
    return root;
  }

  toData(): CompactRangeData {
    return {
      begin: this.begin,
      end: this.endIndex,
      nodes: this.levels.map((level, i) => ({ level, hash: this.hashes[i]! })),
    };
  }

  clone(): CompactRange {
    return CompactRange.fromData(this.toData());
  }
}
