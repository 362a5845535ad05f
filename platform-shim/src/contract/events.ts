import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Timestamp, Uid, Uuid } from './common.js';
import { LabelSnapshot } from './labels.js';

/** Every event a client sends carries its own id (UUIDv7) and the client-side time it happened. */
function eventOf<T extends string, P extends TSchema>(type: T, payload: P) {
  return Type.Object(
    {
      eventId: Uuid,
      type: Type.Literal(type),
      occurredAt: Timestamp,
      payload,
    },
    { additionalProperties: false },
  );
}

export const LabelRemoved = Type.Object(
  { labelId: Uuid, projectId: Slug, StudyInstanceUID: Uid },
  { additionalProperties: false },
);

/** The labeler is done with a case: every draft label they made on it becomes submitted. */
export const CaseSubmitted = Type.Object(
  { projectId: Slug, StudyInstanceUID: Uid },
  { additionalProperties: false },
);

/**
 * Active time (never wall-clock: pauses while the window is blurred or idle). With a labelId it
 * is time spent on that label (drawing it, later edits); without, time on the case as a whole.
 * A segment is one uninterrupted stretch of activity: the tracker closes it when activity pauses,
 * so activeMs is normally endedAt − startedAt. The server rejects activeMs larger than that and
 * counts the segment as the interval [startedAt, startedAt + activeMs]; where a labeler's
 * intervals overlap (parallel labels, two tabs) the overlap counts once.
 */
export const TimingSegment = Type.Object(
  {
    projectId: Type.Optional(Slug),
    StudyInstanceUID: Uid,
    labelId: Type.Optional(Uuid),
    findingTypeId: Type.Optional(Slug),
    startedAt: Timestamp,
    endedAt: Timestamp,
    activeMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
  },
  { additionalProperties: false },
);

export const AUDIT_ACTIONS = ['study.opened', 'series.displayed'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditRecord = Type.Object(
  {
    action: Type.Union(AUDIT_ACTIONS.map(a => Type.Literal(a))),
    StudyInstanceUID: Uid,
    SeriesInstanceUID: Type.Optional(Uid),
    SOPInstanceUIDs: Type.Optional(Type.Array(Uid, { maxItems: 10_000 })),
    mode: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);

export const LabelCreatedEvent = eventOf('label.created', LabelSnapshot);
export const LabelModifiedEvent = eventOf('label.modified', LabelSnapshot);
export const LabelRemovedEvent = eventOf('label.removed', LabelRemoved);
export const CaseSubmittedEvent = eventOf('case.submitted', CaseSubmitted);
export const TimingSegmentEvent = eventOf('timing.segment', TimingSegment);
export const AuditEvent = eventOf('audit', AuditRecord);

export const ClientEvent = Type.Union(
  [LabelCreatedEvent, LabelModifiedEvent, LabelRemovedEvent, CaseSubmittedEvent, TimingSegmentEvent, AuditEvent],
  {},
);
export type ClientEvent = Static<typeof ClientEvent>;
export type ClientEventType = ClientEvent['type'];
export type ClientEventOf<T extends ClientEventType> = Extract<ClientEvent, { type: T }>;
export type LabelRemoved = Static<typeof LabelRemoved>;
export type TimingSegment = Static<typeof TimingSegment>;
export type CaseSubmitted = Static<typeof CaseSubmitted>;
export type AuditRecord = Static<typeof AuditRecord>;
