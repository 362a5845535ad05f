import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { generateNoteKeyPair, parseSignerKey, parseVerifierKey } from './noteKeys.js';
import { NoteError } from './NoteError.js';
import { signNote } from './signedNote.js';
import { hashLeaf } from './treeHashes.js';

const ORIGIN = 'readingroom.example/audit';
const keys = generateNoteKeyPair(ORIGIN);
const signer = parseSignerKey(keys.signerKey);
const verifiers = [parseVerifierKey(keys.verifierKey)];
const rootHash = hashLeaf('root');

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof NoteError ? error.code : 'not a NoteError';
  }
};

describe('checkpoints', () => {
  it('formats the C2SP body', () => {
    const body = formatCheckpoint({ origin: ORIGIN, treeSize: 20852163, rootHash: Buffer.alloc(32, 0xff) });
    expect(body).toBe(`${ORIGIN}\n20852163\n//////////////////////////////////////////8=\n`);
  });

  it('parses the C2SP tlog-checkpoint example', () => {
    const parsed = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(parsed.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.treeSize).toBe(20852163);
    expect(Buffer.from(parsed.rootHash).toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(parsed.extensions).toEqual([]);
  });

  it('round-trips a signed checkpoint, with and without extension lines', () => {
    for (const extensions of [[], ['timestamp 1735689600', 'note: opaque']]) {
      const note = signCheckpoint({ origin: ORIGIN, treeSize: 42, rootHash, extensions }, signer);
      const opened = openCheckpoint(note, { verifiers, origin: ORIGIN });
      expect(opened.treeSize).toBe(42);
      expect(Buffer.from(opened.rootHash).equals(rootHash)).toBe(true);
      expect(opened.extensions).toEqual(extensions);
      expect(opened.verified.map(s => s.name)).toEqual([ORIGIN]);
    }
  });

  it('opens a checkpoint cosigned by a witness the caller does not know', () => {
    const witness = parseSignerKey(generateNoteKeyPair('witness.example').signerKey);
    const note = signNote(formatCheckpoint({ origin: ORIGIN, treeSize: 7, rootHash }), [signer, witness]);
    const opened = openCheckpoint(note, { verifiers, origin: ORIGIN });
    expect(opened.unverified.map(s => s.name)).toEqual(['witness.example']);
  });

  // The attacks a stored checkpoint must withstand: edited body, another key, another log.
  it('rejects a tampered body, a wrong key and a wrong origin', () => {
    const note = signCheckpoint({ origin: ORIGIN, treeSize: 42, rootHash }, signer);
    expect(codeOf(() => openCheckpoint(note.replace('\n42\n', '\n41\n'), { verifiers }))).toBe('bad-signature');
    const otherRoot = Buffer.from(hashLeaf('other')).toString('base64');
    expect(codeOf(() => openCheckpoint(note.replace(Buffer.from(rootHash).toString('base64'), otherRoot), { verifiers }))).toBe('bad-signature');
    const otherKey = parseVerifierKey(generateNoteKeyPair(ORIGIN).verifierKey);
    expect(codeOf(() => openCheckpoint(note, { verifiers: [otherKey] }))).toBe('no-trusted-signature');
    expect(codeOf(() => openCheckpoint(note, { verifiers, origin: 'elsewhere.example/log' }))).toBe('wrong-origin');
  });

  it.each([
    ['too few lines', `${ORIGIN}\n42\n`],
    ['empty origin', `\n42\n${Buffer.alloc(32).toString('base64')}\n`],
    ['leading zero', `${ORIGIN}\n042\n${Buffer.alloc(32).toString('base64')}\n`],
    ['negative size', `${ORIGIN}\n-1\n${Buffer.alloc(32).toString('base64')}\n`],
    ['size beyond 2^53', `${ORIGIN}\n18446744073709551615\n${Buffer.alloc(32).toString('base64')}\n`],
    ['short root', `${ORIGIN}\n42\n${Buffer.alloc(31).toString('base64')}\n`],
    ['unpadded root', `${ORIGIN}\n42\n${Buffer.alloc(32).toString('base64').replace('=', '')}\n`],
    ['url-safe root', `${ORIGIN}\n42\n${Buffer.alloc(32, 0xfb).toString('base64url')}=\n`],
    ['empty extension line', `${ORIGIN}\n42\n${Buffer.alloc(32).toString('base64')}\nx\n\ny\n`],
    ['no final newline', `${ORIGIN}\n42\n${Buffer.alloc(32).toString('base64')}`],
  ])('rejects a malformed body: %s', (_, body) => {
    expect(codeOf(() => parseCheckpoint(body))).toBe('malformed-checkpoint');
  });

  it('rejects a validly signed note that is not a checkpoint', () => {
    expect(codeOf(() => openCheckpoint(signNote('hello\n', [signer]), { verifiers }))).toBe('malformed-checkpoint');
  });

  it('refuses to format what it could not parse back', () => {
    expect(codeOf(() => formatCheckpoint({ origin: 'a\nb', treeSize: 1, rootHash }))).toBe('malformed-checkpoint');
    expect(codeOf(() => formatCheckpoint({ origin: ORIGIN, treeSize: -1, rootHash }))).toBe('malformed-checkpoint');
    expect(codeOf(() => formatCheckpoint({ origin: ORIGIN, treeSize: 1, rootHash: rootHash.subarray(1) }))).toBe('malformed-checkpoint');
    expect(codeOf(() => formatCheckpoint({ origin: ORIGIN, treeSize: 1, rootHash, extensions: [''] }))).toBe('malformed-checkpoint');
  });
});
