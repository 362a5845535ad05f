/**
 * The Merkle tree as the ledger stores it: every complete subtree of STORED_NODE_MIN_LEVEL or
 * more (256 leaves and up) in `audit_tree_nodes`, written in the transaction of the append that
 * completed it; smaller subtrees are recomputed from the records' leaf hashes (at most 255 of
 * them per node). So the table holds about 1/256 of a row per record, and any root or proof
 * needs one node lookup plus at most two small leaf reads.
 */
import { CompactRange, decomposeRange, getNodeRange, type Hash, type TreeNodeId } from '../core/index.js';
import type { SqlExecutor } from '../../stores/db/Database.js';

export const STORED_NODE_MIN_LEVEL = 8;

export const isStoredNode = (node: TreeNodeId) => node.level >= STORED_NODE_MIN_LEVEL;

interface NodeRow {
  level: number;
  node_index: number;
  hash: Buffer;
}

/** The hashes of `nodes`, in order; every node must lie within the first `treeSize` leaves. */
export async function readNodeHashes(db: SqlExecutor, nodes: readonly TreeNodeId[]): Promise<Hash[]> {
  const stored = nodes.filter(isStoredNode);
  const found = new Map<string, Hash>();
  if (stored.length > 0) {
    const where = stored.map(() => '(level = ? AND node_index = ?)').join(' OR ');
    const rows = await db.query<NodeRow>(`SELECT level, node_index, hash FROM audit_tree_nodes WHERE ${where}`, stored.flatMap(n => [n.level, n.index]));
    for (const row of rows) found.set(`${row.level}/${Number(row.node_index)}`, row.hash);
  }
  const hashes: Hash[] = [];
  for (const node of nodes) {
    if (isStoredNode(node)) {
      const hash = found.get(`${node.level}/${node.index}`);
      if (!hash) throw new Error(`audit_tree_nodes lacks node ${node.level}/${node.index}: the ledger's tree is incomplete (run readingroom audit verify)`);
      hashes.push(hash);
    } else {
      hashes.push(await computeNodeHash(db, node));
    }
  }
  return hashes;
}

/** A small subtree's hash from the leaf hashes of its records. */
async function computeNodeHash(db: SqlExecutor, node: TreeNodeId): Promise<Hash> {
  const { start, end } = getNodeRange(node);
  const leaves = await readLeafHashes(db, start, end);
  if (leaves.length !== end - start) throw new Error(`the ledger lacks records ${start + 1}..${end} for tree node ${node.level}/${node.index}`);
  const range = new CompactRange(start);
  for (const leaf of leaves) range.appendLeaf(leaf);
  return range.getRootHash();
}

/** Leaf hashes of leaves [start, end) (records seq start+1 … end), in order. */
export async function readLeafHashes(db: SqlExecutor, start: number, end: number): Promise<Buffer[]> {
  if (end <= start) return [];
  const rows = await db.query<{ leaf_hash: string }>('SELECT leaf_hash FROM audit_ledger WHERE seq > ? AND seq <= ? ORDER BY seq', [start, end]);
  return rows.map(row => Buffer.from(row.leaf_hash, 'hex'));
}

/**
 * The compact range of [0, size): the stored nodes of its decomposition, then the leaves of the
 * last partial block of 256. What an appender resumes from.
 */
export async function readCompactRange(db: SqlExecutor, size: number): Promise<CompactRange> {
  const blockEnd = size - (size % 2 ** STORED_NODE_MIN_LEVEL);
  const range = new CompactRange(0);
  const nodes = decomposeRange(0, blockEnd);
  const hashes = await readNodeHashes(db, nodes);
  nodes.forEach((node, i) => range.appendNode(node.level, hashes[i]!));
  for (const leaf of await readLeafHashes(db, blockEnd, size)) range.appendLeaf(leaf);
  if (range.end !== size) throw new Error(`the ledger has fewer than ${size} records`);
  return range;
}
