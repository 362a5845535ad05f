import { createGroupRunner } from './createGroupRunner.js';

/** A runner whose groups are recorded and held until `finish` is called for each. */
function heldRunner(maxWeight = 100) {
  const groups: number[][] = [];
  const finishers: Array<() => void> = [];
  const run = createGroupRunner<number, string>(
    async items => {
      groups.push([...items]);
      await new Promise<void>(resolve => finishers.push(resolve));
      return items.map(item => (item < 0 ? { status: 'rejected', reason: new Error(`bad ${item}`) } : { status: 'fulfilled', value: `done ${item}` }));
    },
    { maxWeight, weigh: item => Math.abs(item) },
  );
  return { run, groups, finish: () => finishers.shift()!() };
}

const nextTurn = () => new Promise(resolve => setImmediate(resolve));

describe('createGroupRunner', () => {
  it('starts a lone item at once, and runs what arrived meanwhile as the next group', async () => {
    const { run, groups, finish } = heldRunner();
    const first = run(1);
    expect(groups).toEqual([[1]]);
    const later = [run(2), run(3), run(4)];
    expect(groups).toEqual([[1]]);
    finish();
    await expect(first).resolves.toBe('done 1');
    await nextTurn();
    expect(groups).toEqual([[1], [2, 3, 4]]);
    finish();
    await expect(Promise.all(later)).resolves.toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('answers each item with its own outcome', async () => {
    const { run, finish } = heldRunner();
    const first = run(1);
    const mixed = [run(2), run(-3), run(4)];
    finish();
    await first;
    await nextTurn();
    finish();
    const outcomes = await Promise.allSettled(mixed);
    expect(outcomes.map(o => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['done 2', 'bad -3', 'done 4']);
  });

  it('keeps a group within maxWeight, but always takes at least one item', async () => {
    const { run, groups, finish } = heldRunner(10);
    const all = [run(1), run(6), run(4), run(20), run(3)];
    for (let i = 0; i < 4; i++) {
      finish();
      await nextTurn();
      await nextTurn();
    }
    await Promise.all(all);
    expect(groups).toEqual([[1], [6, 4], [20], [3]]);
  });

  it('rejects every item of a group whose run throws, and goes on with the next', async () => {
    let fail = true;
    const run = createGroupRunner<number, number>(
      async items => {
        if (fail) throw new Error('database down');
        return items.map(value => ({ status: 'fulfilled', value }));
      },
      { maxWeight: 10, weigh: () => 1 },
    );
    const failed = Promise.allSettled([run(1), run(2)]);
    expect((await failed).map(o => o.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await nextTurn();
    await expect(run(3)).resolves.toBe(3);
  });
});
