/**
 * C2SP signed-note (https://c2sp.org/signed-note), compatible with golang.org/x/mod/sumdb/note:
 *
 *   <text ending in \n>
 *   <blank line>
 *   — <key name> <base64(4-byte big-endian key ID || Ed25519 signature over the text)>
 *   ...
 *
 * Opening follows the spec's rules: signatures from unknown keys are ignored (witness
 * cosignatures, rotated keys), a known key's bad signature rejects the whole note, and a note
 * without any good signature from a known key is rejected.
 */
import { sign, verify } from 'node:crypto';
import { decodeBase64Strict } from './decodeBase64Strict.js';
import { hasLoneSurrogate } from './hasLoneSurrogate.js';
import { isValidKeyName, type NoteSigner, type NoteVerifier } from './noteKeys.js';
import { NoteError } from './NoteError.js';

/** golang.org/x/mod/sumdb/note's limit; the spec asks verifiers to accept at least 16. */
const MAX_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 ';

export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(key ID || signature), as written in the note. */
  base64: string;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  text: string;
  /** Signatures that verified with a known key. */
  verified: NoteSignature[];
  /** Signatures from keys not known to the caller (kept, not trusted). */
  unverified: NoteSignature[];
}

/** Signs `text` (which must end in a newline) with every signer and returns the note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertNoteCharacters(text);
  if (!text.endsWith('\n')) throw new NoteError('malformed-note', 'note text must end with a newline');
  if (signers.length === 0) throw new NoteError('malformed-note', 'a note needs at least one signer');
  const lines = signers.map(signer => {
    if (!isValidKeyName(signer.name)) throw new NoteError('malformed-key', `invalid key name ${JSON.stringify(signer.name)}`);
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(signer.keyId);
    const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
    return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function assertNoteCharacters(note: string): void {
  // Notes must be valid UTF-8 without ASCII control characters other than newline.
  if (/[^\n\u0020-\uffff]/.test(note) || hasLoneSurrogate(note)) {
    throw new NoteError('malformed-note', 'note contains control characters or is not valid UTF-8');
  }
}

function decodeNote(note: string | Uint8Array): string {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    throw new NoteError('malformed-note', 'note is not valid UTF-8');
  }
}

/** Splits a note into its text and parsed signature lines; throws NoteError('malformed-note'). */
export function parseNote(input: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const note = decodeNote(input);
  assertNoteCharacters(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed-note', 'note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new NoteError('malformed-note', 'note must end with a signature line and a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed-note', `note has more than ${MAX_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

function parseSignatureLine(line: string): NoteSignature {
  const malformed = (): NoteError => new NoteError('malformed-note', `malformed signature line ${JSON.stringify(line)}`);
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed();
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed();
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  const bytes = decodeBase64Strict(base64);
  if (!isValidKeyName(name) || !bytes || bytes.length < 5) throw malformed();
  return { name, keyId: bytes.readUInt32BE(0), base64 };
}

/** Opens a note, verifying the signatures of the known keys; throws NoteError when it must be rejected. */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const opened: OpenedNote = { text, verified: [], unverified: [] };
  // Repeated signatures are dropped: by key for trusted keys, by value for unknown ones.
  const seenKeys = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const signature of signatures) {
    const matches = verifiers.filter(v => v.name === signature.name && v.keyId === signature.keyId);
    if (matches.length > 1) throw new NoteError('ambiguous-key', `more than one trusted key is ${describeKey(signature)}`);
    if (matches.length === 0) {
      if (!seenUnknown.has(signature.base64)) opened.unverified.push(signature);
      seenUnknown.add(signature.base64);
      continue;
    }
    if (seenKeys.has(describeKey(signature))) continue;
    seenKeys.add(describeKey(signature));
    const raw = decodeBase64Strict(signature.base64)!.subarray(4);
    if (!verify(null, Buffer.from(text, 'utf8'), matches[0]!.publicKey, raw)) {
      throw new NoteError('bad-signature', `invalid signature for key ${describeKey(signature)}`);
    }
    opened.verified.push(signature);
  }
  if (opened.verified.length === 0) {
    const names = signatures.map(describeKey).join(', ');
    throw new NoteError('no-trusted-signature', `note has no signature from a trusted key (signed by: ${names})`);
  }
  return opened;
}

function describeKey(signature: NoteSignature): string {
  return `${signature.name}+${signature.keyId.toString(16).padStart(8, '0')}`;
}
