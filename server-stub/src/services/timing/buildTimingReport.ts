import type { TimingByFindingType, TimingByLabel, TimingCase, TimingLabeler, TimingReport } from '@readingroom/platform-shim';
import type { TimingSegmentRow } from '../../stores/labeling/createTimingStore.js';
import { measureUnion, type Interval } from './measureUnion.js';

export const TIMING_RULE =
  'Each timing segment counts as the interval [startedAt, startedAt + activeMs), clipped to the report window [from, to). ' +
  'Every total is the length of the union of its intervals: where a labeler was active on several labels or in several tabs ' +
  'at once, that time counts once in the case total and once in the labeler total. Per-label and per-finding-type figures are ' +
  'unions too, so parallel labels each show their own time and the per-label figures may add up to more than the case total.';

/** Groups segments by labeler, case, finding type and label, each total a union of intervals. */
export function buildTimingReport(segments: readonly TimingSegmentRow[], filters: TimingReport['filters'], generatedAt: string): TimingReport {
  const fromMs = filters.from ? Date.parse(filters.from) : -Infinity;
  const toMs = filters.to ? Date.parse(filters.to) : Infinity;
  const clipped = segments.flatMap(s => {
    const start = Math.max(s.startedMs, fromMs);
    const end = Math.min(s.startedMs + s.activeMs, toMs);
    return end > start ? [{ ...s, interval: { start, end } }] : [];
  });
  type Clipped = (typeof clipped)[number];

  const labelers: TimingLabeler[] = [...groupBy(clipped, s => s.userId)].map(([labelerId, own]) => ({
    labelerId,
    activeMs: measureUnion(own.map(s => s.interval)),
    cases: [...groupBy(own, s => `${s.projectId ?? ''} ${s.StudyInstanceUID}`)].map(([, inCase]) => summarizeCase(inCase)),
  }));
  return { generatedAt, filters, rule: TIMING_RULE, labelers };

  function summarizeCase(inCase: Clipped[]): TimingCase {
    const first = inCase[0]!;
    const byLabel: TimingByLabel[] = [...groupBy(inCase.filter(s => s.labelId !== null), s => s.labelId!)].map(([labelId, own]) => ({
      labelId,
      findingTypeId: own.find(s => s.findingTypeId !== null)?.findingTypeId ?? null,
      activeMs: union(own),
    }));
    const byFindingType: TimingByFindingType[] = [...groupBy(inCase, s => s.findingTypeId ?? '')].map(([type, own]) => ({
      findingTypeId: type === '' ? null : type,
      activeMs: union(own),
      labelCount: new Set(own.flatMap(s => (s.labelId !== null ? [s.labelId] : []))).size,
    }));
    return { projectId: first.projectId, StudyInstanceUID: first.StudyInstanceUID, activeMs: union(inCase), byFindingType, byLabel };
  }
}

const union = (segments: ReadonlyArray<{ interval: Interval }>) => measureUnion(segments.map(s => s.interval));

/** Groups in first-seen order (segments arrive sorted by labeler, then time). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
