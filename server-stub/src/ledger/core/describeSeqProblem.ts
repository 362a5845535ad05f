import type { LedgerProblem } from './ledgerProblem.js';

/**
 * Names what an unexpected seq means, using the record after it: seq 5 where 4 belongs is
 * a reordering when 4 comes next, a deletion otherwise; a seq already passed is an insertion.
 */
export function describeSeqProblem(expectedSeq: number, seq: number, nextSeq: number | undefined): LedgerProblem {
  if (seq < expectedSeq) {
    return {
      kind: 'inserted',
      seq,
      message: `seq ${seq} appears again after seq ${expectedSeq - 1}: a record was inserted (or duplicated).`,
    };
  }
  if (nextSeq === expectedSeq) {
    return {
      kind: 'reordered',
      seq: expectedSeq,
      message: `records out of order: seq ${seq} comes before seq ${expectedSeq}.`,
    };
  }
  const missing = seq - expectedSeq === 1 ? `record seq ${expectedSeq} is` : `records seq ${expectedSeq} to ${seq - 1} are`;
  return { kind: 'deleted', seq: expectedSeq, message: `${missing} missing: seq ${seq} follows seq ${expectedSeq - 1}.` };
}
