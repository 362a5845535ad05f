/**
 * Ed25519 keys for signed notes, in the text forms golang.org/x/mod/sumdb/note uses:
 *   signer key   PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || 32-byte seed)>
 *   verifier key <name>+<key ID hex>+<base64(0x01 || 32-byte public key)>
 * with key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4] (C2SP signed-note).
 * The signer key can also be kept as a PKCS#8 PEM file (with the name configured apart).
 * Keys live outside the database: the store reads the signer key file named in config.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeBase64Strict } from './decodeBase64Strict.js';
import { hasLoneSurrogate } from './hasLoneSurrogate.js';
import { NoteError } from './NoteError.js';

const ED25519 = 0x01;
// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI), RFC 8410.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteSigner {
  name: string;
  /** The 32-bit key ID, as an unsigned number. */
  keyId: number;
  privateKey: KeyObject;
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: KeyObject;
}

/** Key names are non-empty, with no Unicode spaces and no '+' (the key strings' separator). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && !hasLoneSurrogate(name);
}

export function computeKeyId(name: string, rawPublicKey: Uint8Array): number {
  const digest = createHash('sha256').update(name).update(Buffer.from([0x0a, ED25519])).update(rawPublicKey).digest();
  return digest.readUInt32BE(0);
}

const toHex8 = (keyId: number): string => keyId.toString(16).padStart(8, '0');

function getRawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

/** A new Ed25519 key pair for `name`, as the signer key (secret) and verifier key (public) strings. */
export function generateNoteKeyPair(name: string): { signerKey: string; verifierKey: string } {
  assertKeyName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const signerKey = encodeSignerKey(name, seed);
  return { signerKey, verifierKey: formatVerifierKey(parseSignerKey(signerKey)) };
}

function encodeSignerKey(name: string, seed: Buffer): string {
  const publicKey = getRawPublicKey(createPublicKey(privateKeyFromSeed(seed)));
  const keyId = computeKeyId(name, publicKey);
  return `PRIVATE+KEY+${name}+${toHex8(keyId)}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

function privateKeyFromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new NoteError('malformed-key', `invalid key name ${JSON.stringify(name)}`);
}

/** Reads the parts `<name>+<hex key ID>+<base64(0x01 || 32 bytes)>` shared by both key strings. */
function parseKeyParts(text: string, what: string): { name: string; keyId: number; key: Buffer } {
  // The base64 key may itself contain '+': only the first two are separators.
  const match = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(text.trim());
  const [, name = '', hex = '', base64 = ''] = match ?? [];
  const key = decodeBase64Strict(base64);
  if (!match || !isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(hex) || !key || key.length !== 33) {
    throw new NoteError('malformed-key', `not a ${what}: expected <name>+<8 hex digits>+<base64 key>`);
  }
  if (key[0] !== ED25519) throw new NoteError('malformed-key', `${what} for ${name}: unsupported algorithm ${key[0]}`);
  return { name, keyId: parseInt(hex, 16), key: key.subarray(1) };
}

/** Parses a verifier key string; throws NoteError('malformed-key') if it is malformed or its key ID is wrong. */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, key } = parseKeyParts(text, 'verifier key');
  if (computeKeyId(name, key) !== keyId) throw new NoteError('malformed-key', `verifier key for ${name}: key ID does not match the key`);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key]), format: 'der', type: 'spki' });
  return { name, keyId, publicKey };
}

export function formatVerifierKey(key: NoteSigner | NoteVerifier): string {
  const publicKey = 'publicKey' in key ? key.publicKey : createPublicKey(key.privateKey);
  const raw = Buffer.concat([Buffer.from([ED25519]), getRawPublicKey(publicKey)]);
  return `${key.name}+${toHex8(key.keyId)}+${raw.toString('base64')}`;
}

/**
 * Parses a signer key: the `PRIVATE+KEY+...` string, or a PKCS#8 PEM Ed25519 key together
 * with the key name (a PEM file does not carry one).
 */
export function parseSignerKey(text: string | Buffer, name?: string): NoteSigner {
  const source = text.toString().trim();
  if (source.startsWith('-----BEGIN')) return parsePemSignerKey(source, name);
  if (!source.startsWith('PRIVATE+KEY+')) throw new NoteError('malformed-key', 'not a signer key: expected PRIVATE+KEY+<name>+<key ID>+<key>');
  const parts = parseKeyParts(source.slice('PRIVATE+KEY+'.length), 'signer key');
  if (name !== undefined && name !== parts.name) throw new NoteError('malformed-key', `signer key is named ${parts.name}, not ${name}`);
  const privateKey = privateKeyFromSeed(parts.key);
  if (computeKeyId(parts.name, getRawPublicKey(createPublicKey(privateKey))) !== parts.keyId) {
    throw new NoteError('malformed-key', `signer key for ${parts.name}: key ID does not match the key`);
  }
  return { name: parts.name, keyId: parts.keyId, privateKey };
}

function parsePemSignerKey(pem: string, name: string | undefined): NoteSigner {
  if (name === undefined) throw new NoteError('malformed-key', 'a PEM signer key needs the key name');
  assertKeyName(name);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new NoteError('malformed-key', `not a PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new NoteError('malformed-key', `PEM key is ${privateKey.asymmetricKeyType ?? 'not asymmetric'}, not ed25519`);
  }
  return { name, keyId: computeKeyId(name, getRawPublicKey(createPublicKey(privateKey))), privateKey };
}

/** The signer key as a PKCS#8 PEM string (the name is not part of it). */
export function formatSignerKeyPem(signer: NoteSigner): string {
  return signer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** The signer key as the `PRIVATE+KEY+...` string. */
export function formatSignerKey(signer: NoteSigner): string {
  return encodeSignerKey(signer.name, Buffer.from(signer.privateKey.export({ format: 'jwk' }).d!, 'base64url'));
}
