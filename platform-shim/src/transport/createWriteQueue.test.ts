import { createWriteQueue } from './createWriteQueue';

describe('createWriteQueue', () => {
  it('writes the first item at once and groups the items pushed meanwhile into the next write', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const queue = createWriteQueue<number, number>(async items => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>(resolve => (release = resolve));
      return items.length;
    });
    const first = queue.push(1);
    const rest = [queue.push(2), queue.push(3)];
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual([2, 2]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('rejects every item of a failed write, and goes on with the next group', async () => {
    const queue = createWriteQueue<number, void>(async items => {
      if (items.includes(1)) throw new Error('quota');
    });
    const failed = queue.push(1);
    await expect(failed).rejects.toThrow('quota');
    await expect(queue.push(2)).resolves.toBeUndefined();
  });
});
