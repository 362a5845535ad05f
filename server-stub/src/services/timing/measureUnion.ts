/** A half-open interval [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The length of the union of intervals: time covered by several intervals at once counts once.
 * This is what keeps parallel labels and two open tabs from being paid twice.
 */
export function measureUnion(intervals: readonly Interval[]): number {
  const sorted = intervals.filter(i => i.end > i.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let runStart = -Infinity;
  let runEnd = -Infinity;
  for (const { start, end } of sorted) {
    if (start > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      runStart = start;
      runEnd = end;
    } else if (end > runEnd) {
      runEnd = end;
    }
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total;
}
