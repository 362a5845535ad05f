/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text
 *
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n ...]
 *
 * signed as a signed note by the ledger's key (whose name should be the origin). A signed
 * checkpoint commits the server to the first `treeSize` records; the verifier recomputes the
 * root from the records and checks consecutive checkpoints for consistency.
 */
import { decodeBase64Strict } from './decodeBase64Strict.js';
import { type NoteSigner, type NoteVerifier } from './noteKeys.js';
import { NoteError } from './NoteError.js';
import { openNote, signNote, type NoteSignature } from './signedNote.js';
import { HASH_SIZE, type Hash } from './treeHashes.js';

export interface Checkpoint {
  /** Identifies the log, e.g. `readingroom.example.org/audit`. */
  origin: string;
  treeSize: number;
  rootHash: Hash;
  /** Optional opaque non-empty lines after the root (the spec does not recommend them). */
  extensions: string[];
}

export interface OpenedCheckpoint extends Checkpoint {
  /** The signed note text (the checkpoint body). */
  text: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** The checkpoint's note text. */
export function formatCheckpoint({ origin, treeSize, rootHash, extensions = [] }: Omit<Checkpoint, 'extensions'> & { extensions?: string[] }): string {
  const malformed = (why: string): NoteError => new NoteError('malformed-checkpoint', why);
  if (origin === '' || origin.includes('\n')) throw malformed('origin must be one non-empty line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw malformed(`invalid tree size ${treeSize}`);
  if (rootHash.length !== HASH_SIZE) throw malformed(`root hash must be ${HASH_SIZE} bytes`);
  if (extensions.some(line => line === '' || line.includes('\n'))) throw malformed('extension lines must be single non-empty lines');
  const root = Buffer.from(rootHash).toString('base64');
  return [origin, String(treeSize), root, ...extensions].map(line => `${line}\n`).join('');
}

/** Parses a checkpoint body; throws NoteError('malformed-checkpoint'). Extension lines are kept, not interpreted. */
export function parseCheckpoint(text: string): Checkpoint {
  const malformed = (why: string): NoteError => new NoteError('malformed-checkpoint', `not a checkpoint: ${why}`);
  if (!text.endsWith('\n')) throw malformed('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('origin, tree size and root hash lines are required');
  const [origin = '', size = '', root = '', ...extensions] = lines;
  if (origin === '') throw malformed('empty origin line');
  const treeSize = Number(size);
  if (!DECIMAL.test(size) || !Number.isSafeInteger(treeSize)) throw malformed(`invalid tree size ${JSON.stringify(size)}`);
  const rootHash = decodeBase64Strict(root);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw malformed(`root hash ${JSON.stringify(root)} is not base64 of ${HASH_SIZE} bytes`);
  if (extensions.some(line => line === '')) throw malformed('empty extension line');
  return { origin, treeSize, rootHash, extensions };
}

/** Formats and signs a checkpoint; returns the signed note. */
export function signCheckpoint(checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: string[] }, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * Opens a signed checkpoint: at least one signature by a trusted key must verify (others are
 * ignored), the body must be a checkpoint, and its origin must be `origin` when given.
 * Throws NoteError with a code saying which of these failed.
 */
export function openCheckpoint(note: string | Uint8Array, options: { verifiers: readonly NoteVerifier[]; origin?: string }): OpenedCheckpoint {
  const opened = openNote(note, options.verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new NoteError('wrong-origin', `checkpoint is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(options.origin)}`);
  }
  return { ...checkpoint, ...opened };
}
