/**
 * The Merkle tree as the ledger stores it: every complete subtree of STORED_NODE_MIN_LEVEL or
 * more (256 leaves and up) in `audit_tree_nodes`, written in the transaction of the append that
 * completed it; smaller subtrees are recomputed from the records' leaf hashes, read one aligned
 * block of 256 at a time. So the table holds about 1/256 of a row per record, and any root or
 * proof needs one node lookup and at most two block reads.
 */
import { CompactRange, decomposeRange, getNodeRange, type Hash, type TreeNodeId } from '../core/index.js';
import type { SqlExecutor } from '../../stores/db/Database.js';

export const STORED_NODE_MIN_LEVEL = 8;
const BLOCK = 2 ** STORED_NODE_MIN_LEVEL;

export const isStoredNode = (node: TreeNodeId) => node.level >= STORED_NODE_MIN_LEVEL;

interface NodeRow {
  level: number;
  node_index: number;
  hash: Buffer;
}

/**
 * Reads tree node hashes for proofs and roots over the first `treeSize` leaves, remembering the
 * leaf blocks it read (one reader per request: a trail's many proofs share their blocks).
 */
export class TreeNodeReader {
  private readonly blocks = new Map<number, Buffer[]>();

  constructor(
    private readonly db: SqlExecutor,
    private readonly treeSize: number,
  ) {}

  /** The hashes of `nodes`, in order. */
  async readNodeHashes(nodes: readonly TreeNodeId[]): Promise<Hash[]> {
    const stored = await this.readStoredNodes(nodes.filter(isStoredNode));
    const hashes: Hash[] = [];
    for (const node of nodes) hashes.push(isStoredNode(node) ? stored.get(`${node.level}/${node.index}`)! : await this.computeNodeHash(node));
    return hashes;
  }

  private async readStoredNodes(nodes: readonly TreeNodeId[]): Promise<Map<string, Hash>> {
    const found = new Map<string, Hash>();
    if (nodes.length === 0) return found;
    const where = nodes.map(() => '(level = ? AND node_index = ?)').join(' OR ');
    const rows = await this.db.query<NodeRow>(`SELECT level, node_index, hash FROM audit_tree_nodes WHERE ${where}`, nodes.flatMap(n => [n.level, n.index]));
    for (const row of rows) found.set(`${row.level}/${Number(row.node_index)}`, row.hash);
    const missing = nodes.find(n => !found.has(`${n.level}/${n.index}`));
    if (missing) throw new Error(`audit_tree_nodes lacks node ${missing.level}/${missing.index}: the ledger's tree is incomplete (run readingroom audit verify)`);
    return found;
  }

  /** A small subtree's hash from the leaf hashes of its block. */
  private async computeNodeHash(node: TreeNodeId): Promise<Hash> {
    const { start, end } = getNodeRange(node);
    const block = Math.floor(start / BLOCK);
    const leaves = await this.readBlock(block);
    const offset = start - block * BLOCK;
    if (leaves.length < end - block * BLOCK) throw new Error(`the ledger lacks records ${start + 1}..${end} for tree node ${node.level}/${node.index}`);
    const range = new CompactRange(start);
    for (let i = offset; i < offset + end - start; i++) range.appendLeaf(leaves[i]!);
    return range.getRootHash();
  }

  private async readBlock(block: number): Promise<Buffer[]> {
    let leaves = this.blocks.get(block);
    if (!leaves) {
      leaves = await readLeafHashes(this.db, block * BLOCK, Math.min((block + 1) * BLOCK, this.treeSize));
      this.blocks.set(block, leaves);
    }
    return leaves;
  }
}

/** Leaf hashes of leaves [start, end) (records seq start+1 … end), in order. */
export async function readLeafHashes(db: SqlExecutor, start: number, end: number): Promise<Buffer[]> {
  if (end <= start) return [];
  const rows = await db.query<{ leaf_hash: string }>('SELECT leaf_hash FROM audit_ledger WHERE seq > ? AND seq <= ? ORDER BY seq', [start, end]);
  return rows.map(row => Buffer.from(row.leaf_hash, 'hex'));
}

/**
 * The compact range of [0, size): the stored nodes of its decomposition, then the leaves of the
 * last partial block. What an appender resumes from, and what a checkpoint's root is folded from.
 */
export async function readCompactRange(db: SqlExecutor, size: number): Promise<CompactRange> {
  const blockEnd = size - (size % BLOCK);
  const range = new CompactRange(0);
  const nodes = decomposeRange(0, blockEnd);
  const hashes = await new TreeNodeReader(db, size).readNodeHashes(nodes);
  nodes.forEach((node, i) => range.appendNode(node.level, hashes[i]!));
  for (const leaf of await readLeafHashes(db, blockEnd, size)) range.appendLeaf(leaf);
  if (range.end !== size) throw new Error(`the ledger has fewer than ${size} records`);
  return range;
}
