/**
 * The ledger's checkpoint signing key: a file outside the database (docs/audit-ledger.md, "Keys").
 * `npm start` generates one on first start when the default path is in use; a path the site
 * configured must exist (a missing key there is a mistake, never silently replaced).
 */
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ConfigError } from '../../config.js';
import { formatVerifierKey, generateNoteKeyPair, isValidKeyName, NoteError, parseSignerKey, type NoteSigner } from '../core/index.js';

export interface SigningKeyOptions {
  /** The signer key file: `PRIVATE+KEY+<name>+…` or a PKCS#8 PEM Ed25519 key. */
  keyFile: string;
  /** Create the key (and its .pub file) when the file does not exist. */
  generate: boolean;
  /** The key name, which is also the ledger's origin; required for a PEM file, checked otherwise. */
  name?: string;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
}

export interface LedgerKey {
  signer: NoteSigner;
  /** The public verifier key string, to publish to auditors. */
  verifierKey: string;
  /** The checkpoints' origin line (the key name). */
  origin: string;
}

export function loadSigningKey(options: SigningKeyOptions): LedgerKey {
  if (!existsSync(options.keyFile)) {
    if (!options.generate) throw new ConfigError(`AUDIT_SIGNING_KEY_FILE ${options.keyFile} does not exist (see docs/audit-ledger.md, "Keys")`);
    generateKeyFile(options);
  }
  const mode = statSync(options.keyFile).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    options.log.warn({ keyFile: options.keyFile, mode: mode.toString(8) }, 'the audit signing key file is readable by other users; restrict it (chmod 600)');
  }
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(readFileSync(options.keyFile, 'utf8'), options.name);
  } catch (error) {
    throw new ConfigError(`AUDIT_SIGNING_KEY_FILE ${options.keyFile}: ${error instanceof NoteError ? error.message : String(error)}`);
  }
  return { signer, verifierKey: formatVerifierKey(signer), origin: signer.name };
}

/**
 * Writes a new key (owner-only, never overwriting) and its public verifier key beside it. The key
 * appears whole or not at all (written aside, then linked into place), so servers starting
 * together on one data folder agree on the key: the first link wins, the others read it.
 */
function generateKeyFile(options: SigningKeyOptions): void {
  const name = options.name ?? defaultKeyName();
  const { signerKey, verifierKey } = generateNoteKeyPair(name);
  mkdirSync(dirname(options.keyFile), { recursive: true, mode: 0o700 });
  const draft = `${options.keyFile}.${process.pid}.draft`;
  const fd = openSync(draft, 'wx', 0o600);
  try {
    writeSync(fd, `${signerKey}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, options.keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  } finally {
    unlinkSync(draft);
  }
  const publicFile = `${options.keyFile}.pub`;
  const pub = openSync(publicFile, 'w', 0o644);
  try {
    writeSync(pub, `${verifierKey}\n`);
  } finally {
    closeSync(pub);
  }
  options.log.info(
    { keyFile: options.keyFile, verifierKeyFile: publicFile, verifierKey },
    'Generated the audit ledger signing key (first start). Back it up outside this machine and give the verifier key to your auditors; see docs/audit-ledger.md, "Keys".',
  );
}

/** `<host>/readingroom-audit`, with characters a key name may not hold replaced. */
export function defaultKeyName(): string {
  const host = hostname().replace(/[\s+]/g, '-') || 'localhost';
  const name = `${host}/readingroom-audit`;
  return isValidKeyName(name) ? name : 'readingroom-audit';
}
