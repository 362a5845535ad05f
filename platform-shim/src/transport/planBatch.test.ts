import { measureUtf8Bytes } from './measureUtf8Bytes';
import { measureEnvelopeBytes, planBatch } from './planBatch';

const records = (...bytes: number[]) => bytes.map((b, i) => ({ id: i, bytes: b }));

describe('measureUtf8Bytes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    // A lone surrogate becomes U+FFFD (3 bytes) when encoded, as TextEncoder does.
    ['\ud83d', 3],
    ['{"text":"Läsion 😀"}', new TextEncoder().encode('{"text":"Läsion 😀"}').length],
  ])('%j is %i bytes', (text, expected) => {
    expect(measureUtf8Bytes(text)).toBe(expected);
  });
});

describe('planBatch', () => {
  const envelope = measureEnvelopeBytes('0192f0c8-0000-7000-8000-000000000001');

  it('measures the envelope as JSON.stringify writes it', () => {
    expect(envelope).toBe(JSON.stringify({ clientId: '0192f0c8-0000-7000-8000-000000000001', events: [] }).length);
  });

  it('takes at most maxEvents, oldest first', () => {
    const batch = planBatch(records(10, 10, 10, 10), { maxEvents: 3, maxBytes: 10_000, allowOversize: true }, envelope);
    expect(batch.map(r => r.id)).toEqual([0, 1, 2]);
  });

  it('stops before the byte limit, counting commas between events', () => {
    // envelope + 10 + 1 + 10 = envelope + 21 fits exactly; a third event would not.
    const batch = planBatch(records(10, 10, 10), { maxEvents: 50, maxBytes: envelope + 21, allowOversize: true }, envelope);
    expect(batch.map(r => r.id)).toEqual([0, 1]);
  });

  it('never skips an event to fit a smaller later one (order is kept)', () => {
    const batch = planBatch(records(10, 500, 10), { maxEvents: 50, maxBytes: envelope + 100, allowOversize: true }, envelope);
    expect(batch.map(r => r.id)).toEqual([0]);
  });

  it('lets an oversize first event go alone for ordinary requests, but not for keepalive', () => {
    expect(planBatch(records(5000, 10), { maxEvents: 50, maxBytes: 1000, allowOversize: true }, envelope).map(r => r.id)).toEqual([0]);
    expect(planBatch(records(5000, 10), { maxEvents: 50, maxBytes: 1000, allowOversize: false }, envelope)).toEqual([]);
  });
});
