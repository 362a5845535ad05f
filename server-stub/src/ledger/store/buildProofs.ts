/** Inclusion and consistency proofs from the stored tree (RFC 9162 §2.1.3, §2.1.4). */
import { assembleProof, planConsistencyProof, planInclusionProof } from '../core/index.js';
import type { TreeNodeReader } from './treeNodeStore.js';

const toHex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

/** The audit path of record `seq` in the tree of `treeSize` records (the reader's size), as hex. */
export async function buildInclusionProof(reader: TreeNodeReader, seq: number, treeSize: number): Promise<string[]> {
  const plan = planInclusionProof(seq - 1, treeSize);
  return assembleProof(plan, await reader.readNodeHashes(plan.nodes)).map(toHex);
}

/** The proof that the tree of `newSize` records extends the one of `oldSize` (the reader's size is newSize), as hex. */
export async function buildConsistencyProof(reader: TreeNodeReader, oldSize: number, newSize: number): Promise<string[]> {
  const plan = planConsistencyProof(oldSize, newSize);
  return assembleProof(plan, await reader.readNodeHashes(plan.nodes)).map(toHex);
}
