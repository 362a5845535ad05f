import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../config.js';
import { formatSignerKeyPem, generateNoteKeyPair, openCheckpoint, parseSignerKey, parseVerifierKey, signCheckpoint } from '../core/index.js';
import { loadSigningKey } from './loadSigningKey.js';

const log = { info: jest.fn(), warn: jest.fn() };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'readingroom-keys-'));
  jest.clearAllMocks();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadSigningKey', () => {
  it('generates an owner-only key with its public verifier key beside it on first start, and says so', () => {
    const keyFile = join(dir, 'keys', 'audit-ledger.key');
    const key = loadSigningKey({ keyFile, generate: true, name: 'site.example/audit', log });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(`${keyFile}.pub`, 'utf8').trim()).toBe(key.verifierKey);
    expect(key.origin).toBe('site.example/audit');
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ keyFile, verifierKey: key.verifierKey }), expect.stringContaining('Generated'));
    // The secret never reaches the log.
    expect(JSON.stringify(log.info.mock.calls)).not.toContain('PRIVATE+KEY');
    const note = signCheckpoint({ origin: key.origin, treeSize: 1, rootHash: Buffer.alloc(32) }, key.signer);
    expect(openCheckpoint(note, { verifiers: [parseVerifierKey(key.verifierKey)], origin: key.origin }).treeSize).toBe(1);
  });

  it('reads the same key on later starts', () => {
    const keyFile = join(dir, 'audit.key');
    const first = loadSigningKey({ keyFile, generate: true, log });
    const second = loadSigningKey({ keyFile, generate: true, log });
    expect(second.verifierKey).toBe(first.verifierKey);
    expect(log.info).toHaveBeenCalledTimes(1);
  });

  it('refuses a configured key file that does not exist rather than making a new key', () => {
    expect(() => loadSigningKey({ keyFile: join(dir, 'missing.key'), generate: false, log })).toThrow(ConfigError);
  });

  it('reads a PKCS#8 PEM key with the configured name, and warns when others may read the file', () => {
    const signer = parseSignerKey(generateNoteKeyPair('pem.example/audit').signerKey);
    const keyFile = join(dir, 'audit.pem');
    writeFileSync(keyFile, formatSignerKeyPem(signer), { mode: 0o644 });
    expect(loadSigningKey({ keyFile, generate: false, name: 'pem.example/audit', log }).signer.keyId).toBe(signer.keyId);
    expect(log.warn).toHaveBeenCalled();
    expect(() => loadSigningKey({ keyFile, generate: false, log })).toThrow(/needs the key name/);
  });

  it('refuses a key file whose name differs from the configured origin', () => {
    const keyFile = join(dir, 'audit.key');
    writeFileSync(keyFile, generateNoteKeyPair('a.example/audit').signerKey, { mode: 0o600 });
    expect(() => loadSigningKey({ keyFile, generate: false, name: 'b.example/audit', log })).toThrow(/named a.example\/audit/);
  });
});
