import { hashSeedPath } from './seedHash.js';

/**
 * A UID under the 2.25 root (PS3.5 B.2): the decimal form of a UUID. The UUID
 * is an RFC 9562 version 8 (custom) UUID built from SHA-256 of (seed, path),
 * with the version and variant bits set so the value is a well-formed UUID.
 */
export function deriveDemoUid(seed: number, path: string): string {
  return uuidBytesToUid(hashSeedPath(seed, path).subarray(0, 16));
}

export function uuidBytesToUid(hash: Uint8Array): string {
  const bytes = Uint8Array.from(hash.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return `2.25.${value.toString(10)}`;
}
