/**
 * A page of stored records as a reader returns it: records already decoded (SQLite, the
 * server's database layer), or PostgreSQL's binary COPY output, checked in its bytes where it
 * verifies (summarizeCanonicalRows) and decoded into records only where it does not, for the
 * one code path that describes problems (summarizePageTask).
 */
import type { CanonicalLedgerRecord } from '../core/ledgerRecord.js';
import { summarizeCanonicalRows } from '../core/summarizeCanonicalRows.js';
import { decodeCopyRecords, type CopyRows } from './binaryCopyRows.js';
import { summarizePageTask, type PageResult } from './recordPageTask.js';

export interface RecordPage {
  /** Records on the page, in seq order. */
  readonly count: number;
  /** The seq column of record i (as node-postgres reads it: a NULL is 0). */
  seqAt(i: number): number;
  /** summarizePageTask for records [from, to) as ledger positions startIndex, startIndex + 1, ... */
  summarize(from: number, to: number, startIndex: number, minNodeLevel: number): PageResult;
  /** Called once the page is summarized: the reader may reuse its bytes. */
  release(): void;
}

export function recordArrayPage(records: CanonicalLedgerRecord[]): RecordPage {
  return {
    count: records.length,
    seqAt: i => records[i]!.seq,
    summarize: (from, to, startIndex, minNodeLevel) => summarizePageTask({ startIndex, records: from === 0 && to === records.length ? records : records.slice(from, to), minNodeLevel }),
    release: () => undefined,
  };
}

/** Rows [0, count) of COPY output (count ≤ rows.count: a page cut at a range's end). */
export function copyRowsPage(rows: CopyRows, count: number, release: () => void): RecordPage {
  return {
    count,
    seqAt: i => rows.seqs[i]!,
    summarize: (from, to, startIndex, minNodeLevel) => summarizeCanonicalRows(rows, from, to, startIndex, minNodeLevel) ?? summarizePageTask({ startIndex, records: decodeCopyRecords(rows, from, to), minNodeLevel }),
    release,
  };
}
