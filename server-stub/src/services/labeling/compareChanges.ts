/**
 * Orders two changes of the same label by client time, then by event id (UUIDv7, so time-ordered
 * too) to break ties deterministically. Positive when `a` is later.
 */
export function compareChanges(a: { occurredAt: string; eventId: string }, b: { occurredAt: string; eventId: string }): number {
  const byTime = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (byTime !== 0) return byTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
