import { createHash } from 'node:crypto';
import { uidToUuid } from './uuidUid.js';

/**
 * The label id a Tracking UID stands for: the UUID it was made from (our exports), or, for a UID
 * another system chose, a UUID derived from it by hashing, so importing the same file twice
 * finds the same label.
 */
export function labelIdFromTracking(trackingUid: string): string {
  const own = uidToUuid(trackingUid);
  if (own) return own;
  const hex = createHash('sha256').update(`readingroom-tracking:${trackingUid}`).digest('hex');
  // RFC 9562 UUIDv8 (custom): version 8, variant 10.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
