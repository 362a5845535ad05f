/**
 * Addressing nodes of an RFC 6962 tree. A node {level, index} is the perfect subtree over
 * leaves [index·2^level, (index+1)·2^level). Once the tree has grown past its last leaf a
 * node never changes, so a store may persist it and answer proofs from it.
 *
 * Plain arithmetic instead of bit operators: JavaScript bit operators work on 32 bits, and a
 * ledger may outgrow 2^32 records; every size here stays exact up to 2^53.
 */

export interface TreeNodeId {
  level: number;
  index: number;
}

/** A leaf range [start, end) of the tree. */
export interface LeafRange {
  start: number;
  end: number;
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k, k < n ≤ 2k. */
export function getSplitPoint(n: number): number {
  if (!(n >= 2) || !Number.isSafeInteger(n)) throw new RangeError(`no split point for a tree of size ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The leaf range a node covers. */
export function getNodeRange(node: TreeNodeId): LeafRange {
  const width = 2 ** node.level;
  return { start: node.index * width, end: (node.index + 1) * width };
}

/**
 * Splits [start, end) into its maximal aligned perfect subtrees, left to right (the nodes of
 * its compact range). Folding their hashes from the right gives MTH(D[start:end]) whenever
 * the range is itself a node of some tree — which holds for every range in an RFC 9162
 * proof, and for every [0, n).
 */
export function decomposeRange(start: number, end: number): TreeNodeId[] {
  assertRange(start, end);
  const nodes: TreeNodeId[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level++;
    nodes.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return nodes;
}

export function assertRange(start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid leaf range [${start}, ${end})`);
  }
}
