/** Why a signed note, a key or a checkpoint was refused. */
export type NoteErrorCode =
  /** Not a well-formed key string. */
  | 'malformed-key'
  /** Not a well-formed signed note (C2SP signed-note). */
  | 'malformed-note'
  /** A signature by a trusted key does not verify. */
  | 'bad-signature'
  /** No signature from a trusted key (name and key ID both match) is present. */
  | 'no-trusted-signature'
  /** Two trusted keys share a name and key ID, so a signature cannot be attributed. */
  | 'ambiguous-key'
  /** The note is fine but its text is not a C2SP tlog-checkpoint. */
  | 'malformed-checkpoint'
  /** The checkpoint belongs to another log. */
  | 'wrong-origin';

export class NoteError extends Error {
  readonly code: NoteErrorCode;

  constructor(code: NoteErrorCode, message: string) {
    super(message);
    this.name = 'NoteError';
    this.code = code;
  }
}
