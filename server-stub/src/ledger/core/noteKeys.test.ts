import { NoteError } from './NoteError.js';
import {
  computeKeyId,
  formatSignerKey,
  formatSignerKeyPem,
  formatVerifierKey,
  generateNoteKeyPair,
  parseSignerKey,
  parseVerifierKey,
} from './noteKeys.js';

// Published key pair from golang.org/x/mod/sumdb/note (note_test.go).
const PETER_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof NoteError ? error.code : 'not a NoteError';
  }
};

describe('note keys', () => {
  it('reads the sumdb/note published keys and derives the same verifier key and key ID', () => {
    const signer = parseSignerKey(PETER_SIGNER);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(formatVerifierKey(signer)).toBe(PETER_VERIFIER);
    expect(formatSignerKey(signer)).toBe(PETER_SIGNER);
    const verifier = parseVerifierKey(PETER_VERIFIER);
    expect(verifier.keyId).toBe(0xc74f20a3);
    expect(formatVerifierKey(verifier)).toBe(PETER_VERIFIER);
    const raw = Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1);
    expect(computeKeyId('PeterNeumann', raw)).toBe(0xc74f20a3);
  });

  it('generates key pairs that parse back and agree', () => {
    const { signerKey, verifierKey } = generateNoteKeyPair('readingroom.example/audit');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(verifierKey.startsWith('readingroom.example/audit+')).toBe(true);
    expect(signer.keyId).toBe(verifier.keyId);
    expect(formatVerifierKey(signer)).toBe(verifierKey);
  });

  it('saves and loads the signer key as PKCS#8 PEM with the name kept apart', () => {
    const signer = parseSignerKey(PETER_SIGNER);
    const pem = formatSignerKeyPem(signer);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const loaded = parseSignerKey(Buffer.from(pem), 'PeterNeumann');
    expect(formatSignerKey(loaded)).toBe(PETER_SIGNER);
    expect(codeOf(() => parseSignerKey(pem))).toBe('malformed-key');
    expect(codeOf(() => parseSignerKey(pem, 'bad name'))).toBe('malformed-key');
    expect(codeOf(() => parseSignerKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'x'))).toBe('malformed-key');
  });

  it('refuses a signer key under another name than configured', () => {
    expect(codeOf(() => parseSignerKey(PETER_SIGNER, 'EnochRoot'))).toBe('malformed-key');
  });

  // As in sumdb/note's tests: every truncation and every single-character change must be refused.
  it('rejects every mangled form of the verifier and signer keys', () => {
    for (const [key, parse] of [
      [PETER_VERIFIER, parseVerifierKey],
      [PETER_SIGNER, (text: string) => parseSignerKey(text)],
    ] as const) {
      const accepted: string[] = [];
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          const part = key.slice(i, j);
          if (part !== key && codeOf(() => parse(part)) === undefined) accepted.push(part);
        }
      }
      for (let i = 0; i < key.length; i++) {
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        if (codeOf(() => parse(changed)) === undefined) accepted.push(changed);
      }
      expect(accepted).toEqual([]);
    }
  });

  it('rejects invalid names, unknown algorithms and wrong key lengths', () => {
    expect(codeOf(() => generateNoteKeyPair('has space'))).toBe('malformed-key');
    expect(codeOf(() => generateNoteKeyPair('a+b'))).toBe('malformed-key');
    expect(codeOf(() => generateNoteKeyPair(''))).toBe('malformed-key');
    expect(codeOf(() => generateNoteKeyPair('nbsp\u00a0name'))).toBe('malformed-key');
    // From sumdb/note: wrong-length key and unknown algorithm, each with a matching key ID.
    expect(codeOf(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))).toBe('malformed-key');
    expect(codeOf(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('malformed-key');
  });
});
