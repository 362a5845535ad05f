/**
 * Opens the stored signed checkpoints for verification and orders everything the record
 * stream must meet by ledger position: a checkpoint is checked when the records reach its
 * tree size, and a checkpoint that cannot be trusted is reported at that same position (at 0
 * when even its size is unreadable), so the verifier can always name the first problem.
 */
import { openCheckpoint, parseCheckpoint } from './checkpoint.js';
import type { LedgerProblem } from './ledgerProblem.js';
import type { NoteVerifier } from './noteKeys.js';
import { NoteError } from './NoteError.js';
import { parseNote } from './signedNote.js';
import { areHashesEqual, type Hash } from './treeHashes.js';

export interface TrustedCheckpoint {
  treeSize: number;
  rootHash: Hash;
}

export interface CheckpointIssue {
  /** Ledger position (tree size) at which the issue is reported. */
  position: number;
  problem: LedgerProblem;
}

export interface PreparedCheckpoints {
  /** Distinct trusted checkpoints, by increasing tree size. */
  trusted: TrustedCheckpoint[];
  /** Untrusted or conflicting checkpoints, by increasing position. */
  issues: CheckpointIssue[];
  /** Notes given. */
  count: number;
}

export function prepareCheckpoints(notes: readonly (string | Uint8Array)[], origin: string, verifiers: readonly NoteVerifier[]): PreparedCheckpoints {
  const bySize = new Map<number, TrustedCheckpoint>();
  const issues: CheckpointIssue[] = [];
  notes.forEach((note, i) => {
    let checkpoint: TrustedCheckpoint;
    try {
      checkpoint = openCheckpoint(note, { verifiers, origin });
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      issues.push(describeUntrusted(note, i, error));
      return;
    }
    const same = bySize.get(checkpoint.treeSize);
    if (!same) bySize.set(checkpoint.treeSize, checkpoint);
    else if (!areHashesEqual(same.rootHash, checkpoint.rootHash)) {
      const message = `two signed checkpoints for tree size ${checkpoint.treeSize} state different root hashes.`;
      issues.push({ position: checkpoint.treeSize, problem: { kind: 'inconsistent-checkpoints', checkpointSize: checkpoint.treeSize, message } });
    }
  });
  return {
    trusted: [...bySize.values()].sort((a, b) => a.treeSize - b.treeSize),
    issues: issues.sort((a, b) => a.position - b.position),
    count: notes.length,
  };
}

function describeUntrusted(note: string | Uint8Array, i: number, error: NoteError): CheckpointIssue {
  const treeSize = readUntrustedTreeSize(note);
  const label = treeSize === undefined ? `checkpoint #${i + 1}` : `the checkpoint for tree size ${treeSize}`;
  const signatureCodes = ['bad-signature', 'no-trusted-signature', 'ambiguous-key'];
  const problem: LedgerProblem = {
    kind: signatureCodes.includes(error.code) ? 'bad-signature' : 'bad-checkpoint',
    message: `${label}: ${error.message}`,
  };
  if (treeSize !== undefined) problem.checkpointSize = treeSize;
  return { position: treeSize ?? 0, problem };
}

/** The tree size an unverified note claims, only to place its problem in ledger order. */
function readUntrustedTreeSize(note: string | Uint8Array): number | undefined {
  try {
    return parseCheckpoint(parseNote(note).text).treeSize;
  } catch {
    return undefined;
  }
}
