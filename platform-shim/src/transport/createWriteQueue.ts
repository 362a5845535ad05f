/**
 * Group commit: items pushed while a write runs go together in the next write, so a burst of
 * events costs one durable transaction instead of one each. Each push settles with its group.
 */
export function createWriteQueue<T, R>(write: (items: T[]) => Promise<R>, maxGroup = 500): { push(item: T): Promise<R> } {
  const waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  let writing = false;

  async function drain() {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting.splice(0, maxGroup);
      try {
        const result = await write(group.map(entry => entry.item));
        group.forEach(entry => entry.resolve(result));
      } catch (error) {
        group.forEach(entry => entry.reject(error));
      }
    }
    writing = false;
  }

  return {
    push(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
