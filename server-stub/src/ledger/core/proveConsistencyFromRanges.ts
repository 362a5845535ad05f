/**
 * A consistency proof computed while streaming, without the whole tree: every element of
 * the proof oldSize → newSize covers either a run of the compact range of [0, oldSize) (kept
 * when the stream passed oldSize) or a run of the compact range of [oldSize, newSize).
 */
import type { TreeNodeHash } from './CompactRange.js';
import { planConsistencyProof } from './planProof.js';
import { getNodeRange } from './treeNodes.js';
import { hashChildren, type Hash } from './treeHashes.js';

export function proveConsistencyFromRanges(before: readonly TreeNodeHash[], after: readonly TreeNodeHash[], oldSize: number, newSize: number): Hash[] {
  return planConsistencyProof(oldSize, newSize).elements.map(({ start, end }) =>
    hashNodeRun(end <= oldSize ? before : after, start, end),
  );
}

/** MTH over [start, end) from consecutive compact-range nodes that cover exactly that range. */
function hashNodeRun(nodes: readonly TreeNodeHash[], start: number, end: number): Hash {
  const first = nodes.findIndex(node => getNodeRange(node).start === start);
  let last = first;
  while (last >= 0 && last < nodes.length && getNodeRange(nodes[last]!).end < end) last++;
  if (first < 0 || last >= nodes.length || getNodeRange(nodes[last]!).end !== end) {
    // Cannot happen for RFC 9162 proofs (see planProof.ts); a loud failure beats a wrong verdict.
    throw new Error(`internal error: leaves [${start}, ${end}) are not a run of the compact range`);
  }
  let hash = nodes[last]!.hash;
  for (let i = last - 1; i >= first; i--) hash = hashChildren(nodes[i]!.hash, hash);
  return hash;
}
