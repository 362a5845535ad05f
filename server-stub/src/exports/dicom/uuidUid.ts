import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_DERIVED_UID = /^2\.25\.(0|[1-9][0-9]{0,38})$/;

/**
 * A UUID as a DICOM UID under the 2.25 root (PS3.5 §B.2): "2.25." and the UUID read as one
 * 128-bit integer. The mapping is reversible, so a label id survives a trip through DICOM as a
 * Tracking UID.
 */
export function uuidToUid(uuid: string): string {
  if (!UUID.test(uuid)) throw new TypeError('not a UUID');
  return `2.25.${BigInt(`0x${uuid.replace(/-/g, '')}`).toString(10)}`;
}

/** The UUID a 2.25 UID was made from, in lower case; undefined for any other UID. */
export function uidToUuid(uid: string): string | undefined {
  const match = UUID_DERIVED_UID.exec(uid);
  if (!match) return undefined;
  const value = BigInt(match[1]!);
  if (value >= 1n << 128n) return undefined;
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A fresh UID for a new instance, series or dimension organization (random UUID under 2.25). */
export function createDicomUid(): string {
  return uuidToUid(randomUUID());
}
