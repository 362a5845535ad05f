import { createUuidV7 } from './createUuidV7';

describe('createUuidV7', () => {
  it('encodes the timestamp in the first 48 bits and sets version 7 and the RFC variant', () => {
    const id = createUuidV7(0x0123456789ab, b => b.fill(0xff));
    expect(id).toBe('01234567-89ab-7fff-bfff-ffffffffffff');
  });

  it('sorts by creation time', () => {
    const ids = [3, 1, 2].map(t => createUuidV7(1_700_000_000_000 + t));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('gives distinct ids within the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createUuidV7(42)));
    expect(ids.size).toBe(1000);
  });
});
