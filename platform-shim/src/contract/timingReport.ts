import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Timestamp, Uid, Uuid } from './common.js';

/** Filters of `GET /reports/timing`; `format=csv` (or `Accept: text/csv`) asks for CSV. */
export const TimingReportQuery = Type.Object(
  {
    projectId: Type.Optional(Slug),
    labelerId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    /** Only time on or after this instant counts (segments are clipped to [from, to)). */
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  },
  { additionalProperties: false },
);
export type TimingReportQuery = Static<typeof TimingReportQuery>;

const ActiveMs = Type.Integer({ minimum: 0, description: 'Active milliseconds, overlaps counted once.' });

export const TimingByFindingType = Type.Object({
  /** null: time on the case not tied to a label (reading, scrolling, classification before picking). */
  findingTypeId: Type.Union([Slug, Type.Null()]),
  activeMs: ActiveMs,
  labelCount: Type.Integer({ minimum: 0 }),
});
export type TimingByFindingType = Static<typeof TimingByFindingType>;

export const TimingByLabel = Type.Object({
  labelId: Uuid,
  findingTypeId: Type.Union([Slug, Type.Null()]),
  activeMs: ActiveMs,
});
export type TimingByLabel = Static<typeof TimingByLabel>;

export const TimingCase = Type.Object({
  projectId: Type.Union([Slug, Type.Null()]),
  StudyInstanceUID: Uid,
  /** The union of every interval the labeler was active on this case. */
  activeMs: ActiveMs,
  byFindingType: Type.Array(TimingByFindingType),
  byLabel: Type.Array(TimingByLabel),
});
export type TimingCase = Static<typeof TimingCase>;

export const TimingLabeler = Type.Object({
  labelerId: Type.String(),
  /** The union over all the labeler's intervals in the report: two tabs on two cases count once. */
  activeMs: ActiveMs,
  cases: Type.Array(TimingCase),
});
export type TimingLabeler = Static<typeof TimingLabeler>;

/** Active labeling time per labeler, case, finding type and label: what pays labelers honestly. */
export const TimingReport = Type.Object({
  generatedAt: Timestamp,
  filters: Type.Object({
    projectId: Type.Optional(Slug),
    labelerId: Type.Optional(Type.String()),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  }),
  /** How overlapping time is counted, in words, so a reader of the numbers knows. */
  rule: Type.String(),
  labelers: Type.Array(TimingLabeler),
});
export type TimingReport = Static<typeof TimingReport>;
