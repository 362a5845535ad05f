/**
 * Group commit for concurrent requests: while one group runs, arriving items wait; when it ends,
 * everything that arrived meanwhile runs as the next group (up to `maxWeight`), so N concurrent
 * requests cost about one transaction, not N. An item arriving when nothing runs starts at once:
 * a lone caller waits for nobody.
 *
 * `runGroup` answers every item of its group, each with its own outcome (one item's failure need
 * not be the others'); if it throws, every item of the group gets that error.
 */
export function createGroupRunner<T, R>(
  runGroup: (items: readonly T[]) => Promise<Array<PromiseSettledResult<R>>>,
  options: { maxWeight: number; weigh: (item: T) => number },
): (item: T) => Promise<R> {
  interface Waiting {
    item: T;
    resolve(value: R): void;
    reject(error: unknown): void;
  }
  let queue: Waiting[] = [];
  let running = false;

  /** The queue's head: at least one item, then more while their weight stays within maxWeight. */
  const takeGroup = (): Waiting[] => {
    let weight = 0;
    let count = 0;
    while (count < queue.length) {
      const next = options.weigh(queue[count]!.item);
      if (count > 0 && weight + next > options.maxWeight) break;
      weight += next;
      count++;
    }
    const group = queue.slice(0, count);
    queue = queue.slice(count);
    return group;
  };

  const runNext = async () => {
    if (running || queue.length === 0) return;
    running = true;
    const group = takeGroup();
    try {
      const outcomes = await runGroup(group.map(w => w.item));
      group.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (outcome?.status === 'fulfilled') waiting.resolve(outcome.value);
        else waiting.reject(outcome ? outcome.reason : new Error('The group runner gave no outcome for this item.'));
      });
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    } finally {
      // The next group starts on the next turn of the event loop, not at once: requests that
      // arrived meanwhile are parsed and queued first (a SQLite transaction never yields to I/O,
      // so they may not be queued yet), and so are the next requests of callers just answered.
      setImmediate(() => {
        running = false;
        void runNext();
      });
    }
  };

  return item =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      void runNext();
    });
}
