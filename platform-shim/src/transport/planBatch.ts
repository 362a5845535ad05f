import { measureUtf8Bytes } from './measureUtf8Bytes.js';

export interface BatchLimits {
  maxEvents: number;
  /** Upper bound of the request body in bytes. */
  maxBytes: number;
  /**
   * Whether a first event larger than `maxBytes` may go alone. True for ordinary requests (the
   * server decides); false for keepalive requests, which the browser refuses beyond its budget.
   */
  allowOversize: boolean;
}

/** Bytes of `{"clientId":"…","events":[]}` around the events, as `JSON.stringify` writes it. */
export function measureEnvelopeBytes(clientId: string): number {
  return measureUtf8Bytes(JSON.stringify({ clientId, events: [] }));
}

/**
 * The longest prefix of `records` (oldest first) that fits the limits. Order is kept: a batch
 * never skips an event to fit a later one in.
 */
export function planBatch<T extends { bytes: number }>(records: readonly T[], limits: BatchLimits, envelopeBytes: number): T[] {
  const batch: T[] = [];
  let bytes = envelopeBytes;
  for (const record of records) {
    if (batch.length >= limits.maxEvents) break;
    const next = bytes + record.bytes + (batch.length > 0 ? 1 : 0);
    if (next > limits.maxBytes && !(batch.length === 0 && limits.allowOversize)) break;
    batch.push(record);
    bytes = next;
  }
  return batch;
}
