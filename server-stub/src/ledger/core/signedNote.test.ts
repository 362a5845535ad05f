import { parseSignerKey, parseVerifierKey, generateNoteKeyPair } from './noteKeys.js';
import { NoteError } from './NoteError.js';
import { openNote, signNote } from './signedNote.js';

// Published vectors from golang.org/x/mod/sumdb/note (note_test.go, TestSign and TestOpen).
const PETER_SIGNER = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
const PETER = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
const ENOCH = parseVerifierKey('EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop');
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof NoteError ? error.code : 'not a NoteError';
  }
};

describe('signed notes', () => {
  it('signs byte-for-byte like sumdb/note (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, [PETER_SIGNER])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('verifies the known signature and keeps the unknown one unverified', () => {
    const note = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [PETER]);
    expect(note.text).toBe(TEXT);
    expect(note.verified.map(s => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    expect(note.unverified.map(s => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const both = openNote(Buffer.from(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [PETER, ENOCH]);
    expect(both.verified.map(s => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('rejects a note without a trusted signature, and one whose trusted signature is wrong', () => {
    expect(codeOf(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('no-trusted-signature');
    const forged = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    expect(codeOf(() => openNote(`${TEXT}\n${forged}`, [PETER]))).toBe('bad-signature');
    // A tampered text invalidates the signature.
    expect(codeOf(() => openNote(`${TEXT.replace('answer', 'answers')}\n${PETER_SIG}`, [PETER]))).toBe('bad-signature');
  });

  it('ignores repeated signatures and refuses ambiguous trusted keys', () => {
    const note = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [PETER]);
    expect(note.verified).toHaveLength(1);
    expect(note.unverified).toHaveLength(1);
    expect(codeOf(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [ENOCH, PETER, ENOCH]))).toBe('ambiguous-key');
  });

  // A signature only counts for the key whose name and key ID both match.
  it('does not accept a signature under another key name, even with the right key', () => {
    const renamed = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
    expect(codeOf(() => openNote(`${TEXT}\n${renamed}`, [PETER]))).toBe('no-trusted-signature');
    const otherKey = parseVerifierKey(generateNoteKeyPair('PeterNeumann').verifierKey);
    expect(codeOf(() => openNote(`${TEXT}\n${PETER_SIG}`, [otherKey]))).toBe('no-trusted-signature');
  });

  // sumdb/note's list of malformed messages, plus a few of ours.
  it.each([
    ['no signatures', TEXT],
    ['blank line only', `${TEXT}\n`],
    ['missing final newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['control character', `\u0001${TEXT}\n${PETER_SIG}`],
    ['name with a space', `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`],
    ['text after the signatures', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['hyphen instead of em dash', `${TEXT}\n${PETER_SIG.replace('\u2014', '-')}`],
    ['non-canonical base64', `${TEXT}\n${PETER_SIG.replace('AM=\n', 'AN=\n')}`],
    ['signature too short', `${TEXT}\n\u2014 PeterNeumann AAAA\n`],
    ['more than 100 signatures', `${TEXT}\n${PETER_SIG.repeat(101)}`],
    ['lone surrogate', `\ud800${TEXT}\n${PETER_SIG}`],
  ])('rejects a malformed note: %s', (_, note) => {
    expect(codeOf(() => openNote(note, [PETER]))).toBe('malformed-note');
  });

  it('rejects invalid UTF-8 bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(codeOf(() => openNote(bytes, [PETER]))).toBe('malformed-note');
  });

  it('signs only well-formed text', () => {
    expect(codeOf(() => signNote('no newline', [PETER_SIGNER]))).toBe('malformed-note');
    expect(codeOf(() => signNote('tab\there\n', [PETER_SIGNER]))).toBe('malformed-note');
    expect(codeOf(() => signNote(TEXT, []))).toBe('malformed-note');
  });

  it('keeps blank lines inside the text: the last blank line separates the signatures', () => {
    const text = 'first\n\nsecond\n';
    expect(openNote(signNote(text, [PETER_SIGNER]), [PETER]).text).toBe(text);
  });
});
