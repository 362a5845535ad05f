/**
 * Proof generation split in two so it stays pure: plan* says which stored subtree hashes a
 * proof needs, the caller fetches them (a database query, an in-memory tree), and
 * assembleProof folds them into the proof. Only complete (perfect, aligned) subtrees are ever
 * requested, and at most about 2·log2(n) of them, so a store that persists every completed
 * node answers any proof or root for a tree of any size with one small lookup.
 *
 * The ranges follow RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF) literally.
 */
import { assertRange, decomposeRange, getSplitPoint, type LeafRange, type TreeNodeId } from './treeNodes.js';
import { hashChildren, type Hash } from './treeHashes.js';

export interface ProofPlan {
  /** Every subtree hash needed, in order; fetch them and pass them to assembleProof. */
  nodes: TreeNodeId[];
  /** The proof's elements in order: each is MTH over a range, made of `nodeCount` consecutive nodes. */
  elements: (LeafRange & { nodeCount: number })[];
}

/** Plans the audit path for leaf `leafIndex` (0-based) in the tree of size `treeSize`. */
export function planInclusionProof(leafIndex: number, treeSize: number): ProofPlan {
  assertRange(0, treeSize);
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  }
  const ranges: LeafRange[] = [];
  collectPathRanges(leafIndex, 0, treeSize, ranges);
  return planRanges(ranges);
}

/** PATH(m, D[start:end]): the inner path first, then the sibling range. */
function collectPathRanges(m: number, start: number, end: number, out: LeafRange[]): void {
  const n = end - start;
  if (n <= 1) return;
  const k = getSplitPoint(n);
  if (m < k) {
    collectPathRanges(m, start, start + k, out);
    out.push({ start: start + k, end });
  } else {
    collectPathRanges(m - k, start + k, end, out);
    out.push({ start, end: start + k });
  }
}

/** Plans the consistency proof between tree sizes oldSize ≤ newSize (empty when oldSize is 0 or equal). */
export function planConsistencyProof(oldSize: number, newSize: number): ProofPlan {
  assertRange(oldSize, newSize);
  const ranges: LeafRange[] = [];
  if (oldSize > 0 && oldSize < newSize) collectSubproofRanges(oldSize, 0, newSize, true, ranges);
  return planRanges(ranges);
}

/** SUBPROOF(m, D[start:end], b). */
function collectSubproofRanges(m: number, start: number, end: number, b: boolean, out: LeafRange[]): void {
  const n = end - start;
  if (m === n) {
    if (!b) out.push({ start, end });
    return;
  }
  const k = getSplitPoint(n);
  if (m <= k) {
    collectSubproofRanges(m, start, start + k, b, out);
    out.push({ start: start + k, end });
  } else {
    collectSubproofRanges(m - k, start + k, end, false, out);
    out.push({ start, end: start + k });
  }
}

/** Plans MTH of the first `treeSize` leaves (one element; none for the empty tree). */
export function planRootHash(treeSize: number): ProofPlan {
  assertRange(0, treeSize);
  return planRanges(treeSize === 0 ? [] : [{ start: 0, end: treeSize }]);
}

function planRanges(ranges: LeafRange[]): ProofPlan {
  const plan: ProofPlan = { nodes: [], elements: [] };
  for (const range of ranges) {
    const nodes = decomposeRange(range.start, range.end);
    plan.nodes.push(...nodes);
    plan.elements.push({ ...range, nodeCount: nodes.length });
  }
  return plan;
}

/** Folds the fetched node hashes (in plan.nodes order) into the proof's hashes. */
export function assembleProof(plan: ProofPlan, nodeHashes: readonly Hash[]): Hash[] {
  if (nodeHashes.length !== plan.nodes.length) {
    throw new RangeError(`proof plan needs ${plan.nodes.length} node hashes, got ${nodeHashes.length}`);
  }
  let next = 0;
  return plan.elements.map(element => {
    const first = next;
    next += element.nodeCount;
    return foldNodeHashes(nodeHashes, first, next);
  });
}

/** MTH of a range from its compact-range nodes hashes[from..to): fold from the right. */
export function foldNodeHashes(hashes: readonly Hash[], from: number, to: number): Hash {
  let acc = hashes[to - 1]!;
  for (let i = to - 2; i >= from; i--) acc = hashChildren(hashes[i]!, acc);
  return acc;
}
