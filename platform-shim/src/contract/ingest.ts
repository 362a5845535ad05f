import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

export const MAX_EVENTS_PER_BATCH = 500;

/**
 * A batch of client events. Events are validated one by one on the server so that
 * one bad event is rejected with its reason without losing the others.
 */
export const IngestBatchRequest = Type.Object(
  {
    clientId: Uuid,
    events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }),
  },
  { additionalProperties: false },
);
export type IngestBatchRequest = Static<typeof IngestBatchRequest>;

export const INGEST_STATUSES = ['stored', 'duplicate', 'rejected'] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

export const IngestResult = Type.Object({
  eventId: Type.Union([Uuid, Type.Null()], { description: 'null when the event had no readable eventId' }),
  index: Type.Integer({ minimum: 0, description: 'Position of the event in the batch.' }),
  status: Type.Union(INGEST_STATUSES.map(s => Type.Literal(s))),
  reason: Type.Optional(Type.String()),
});
export type IngestResult = Static<typeof IngestResult>;

export const IngestBatchResponse = Type.Object(
  { results: Type.Array(IngestResult) },
  {},
);
export type IngestBatchResponse = Static<typeof IngestBatchResponse>;
