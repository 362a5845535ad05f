/**
 * One reader's share of `readingroom audit verify`: the records of a seq range, read page by
 * page and summarized (recordPageTask.ts), in order. The range assumes that every earlier seq
 * is present exactly once, so its first record is at ledger position `startIndex`; where that is
 * not so, an earlier range has a problem, or the joining side sees that the range does not fit
 * and reads on from where the ledger stopped making sense (verifyStoredLedger.ts).
 */
import type { RecordPage } from './recordPage.js';
import type { PageResult } from './recordPageTask.js';
import type { RecordRangeReader } from './recordRangeReader.js';

export interface RecordRange {
  /** Records with afterSeq < seq ≤ untilSeq (no upper end when undefined: the last range). */
  afterSeq: number;
  untilSeq?: number;
  /** The ledger position of the range's first record, if the seqs before it are all there. */
  startIndex: number;
}

export interface RangeTask extends RecordRange {
  /** Ledger positions where a page must end (checkpoint sizes: LedgerVerifier.getBoundaries()). */
  boundaries: readonly number[];
  pageSize: number;
  /** Completed subtrees from this level up come back with the pages (PageTask). */
  minNodeLevel: number;
}

export interface RangePage extends PageResult {
  /** Seq of the page's last record. */
  lastSeq: number;
}

/**
 * Yields the range's pages in order. The next one is read while the caller handles the last,
 * unless the reader blocks this thread to read (then it is read after: reading early would
 * overlap nothing and only keep two pages alive).
 */
export async function* summarizeRange(reader: RecordRangeReader, task: RangeTask): AsyncGenerator<RangePage> {
  let boundary = 0;
  let position = task.startIndex;
  let next: Promise<RecordPage | undefined> | undefined = reader.readPage(task.afterSeq, task.untilSeq, task.pageSize);
  try {
    for (;;) {
      const records = await next!;
      if (!records || records.count === 0) return;
      const count = records.count;
      const lastSeq = records.seqAt(count - 1);
      const readNext = (): Promise<RecordPage | undefined> => (count < task.pageSize ? Promise.resolve(undefined) : reader.readPage(lastSeq, task.untilSeq, task.pageSize));
      next = reader.blocking ? undefined : readNext();
      try {
        for (let from = 0; from < count; ) {
          while (task.boundaries[boundary] !== undefined && task.boundaries[boundary]! <= position) boundary++;
          const limit = task.boundaries[boundary] === undefined ? Infinity : task.boundaries[boundary]! - position;
          const to = Math.min(count, from + limit);
          const page = records.summarize(from, to, position, task.minNodeLevel);
          yield { ...page, lastSeq: records.seqAt(to - 1) };
          position += to - from;
          from = to;
        }
      } finally {
        records.release();
      }
      next ??= readNext();
    }
  } finally {
    await next?.catch(() => undefined);
  }
}
