import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Timestamp, Uid, Uuid } from './common.js';

const Vec3 = Type.Tuple([Type.Number(), Type.Number(), Type.Number()]);

/** Schema geometry kinds drawn as Cornerstone3D annotations. */
export const ANNOTATION_KINDS = ['point', 'length', 'bidirectional', 'ellipse', 'rectangle', 'freehand'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** Geometry drawn with a Cornerstone3D annotation tool, in patient (world) coordinates, millimetres. */
export const AnnotationGeometry = Type.Object(
  {
    kind: Type.Union(ANNOTATION_KINDS.map(kind => Type.Literal(kind))),
    /** The Cornerstone3D tool that drew it, e.g. Length, EllipticalROI, PlanarFreehandROI. */
    toolName: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    points: Type.Array(Vec3, { minItems: 1, maxItems: 10_000 }),
    /** Freehand contours: whether the polyline is closed. */
    closed: Type.Optional(Type.Boolean()),
    viewPlaneNormal: Type.Optional(Vec3),
    viewUp: Type.Optional(Vec3),
  },
  { additionalProperties: false },
);

/**
 * One segment of a labelmap, frame by frame. `mask` is base64 of little-endian uint32 run
 * lengths over Rows × Columns pixels in row-major order, alternating outside/inside and
 * starting with outside (so a frame that starts inside begins with a 0 run).
 */
export const SegmentationGeometry = Type.Object(
  {
    kind: Type.Literal('segmentation'),
    segmentNumber: Type.Integer({ minimum: 1, maximum: 65535 }),
    Rows: Type.Integer({ minimum: 1, maximum: 65535 }),
    Columns: Type.Integer({ minimum: 1, maximum: 65535 }),
    frames: Type.Array(
      Type.Object(
        {
          SOPInstanceUID: Uid,
          frameNumber: Type.Optional(Type.Integer({ minimum: 1 })),
          mask: Type.String({ maxLength: 4_000_000 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 4096 },
    ),
  },
  { additionalProperties: false },
);

/** Series- and study-level classification: the finding type and attributes are the label. */
export const ClassificationGeometry = Type.Object({ kind: Type.Literal('classification') }, { additionalProperties: false });

export const LabelGeometry = Type.Union([AnnotationGeometry, SegmentationGeometry, ClassificationGeometry]);
export type LabelGeometry = Static<typeof LabelGeometry>;
export type AnnotationGeometry = Static<typeof AnnotationGeometry>;
export type SegmentationGeometry = Static<typeof SegmentationGeometry>;

export const LabelMeasurement = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    value: Type.Number(),
    unit: Type.String({ maxLength: 32 }),
  },
  { additionalProperties: false },
);

export const LABEL_STATUSES = ['draft', 'submitted'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

/** Attribute values by attribute id: an enum option id, a number, or text. */
export const LabelAttributes = Type.Record(Slug, Type.Union([Type.String({ maxLength: 1024 }), Type.Number()]));

/**
 * What a client says a label is. Scope decides which UIDs it carries: an image label names its
 * instance (and frame), a series label its series, a study label only the study.
 */
export const LabelSnapshot = Type.Object(
  {
    labelId: Uuid,
    projectId: Slug,
    /** The schema version the label was made with. */
    schemaVersion: Type.Integer({ minimum: 1 }),
    /** A finding type of that schema, or "no-finding" for an explicit study-level "no finding". */
    findingTypeId: Slug,
    attributes: LabelAttributes,
    status: Type.Union(LABEL_STATUSES.map(s => Type.Literal(s))),
    scope: Type.Union([Type.Literal('image'), Type.Literal('series'), Type.Literal('study')]),
    StudyInstanceUID: Uid,
    SeriesInstanceUID: Type.Optional(Uid),
    SOPInstanceUID: Type.Optional(Uid),
    frameNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    FrameOfReferenceUID: Type.Optional(Uid),
    geometry: LabelGeometry,
    measurements: Type.Optional(Type.Array(LabelMeasurement, { maxItems: 32 })),
    text: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type LabelSnapshot = Static<typeof LabelSnapshot>;

/**
 * A label as the server holds it now: the snapshot of its current version (the latest change by
 * client time; a late delivery of an older change gets a version of its own but never becomes
 * current), with that version's number and hash, so both can be looked up in its history.
 */
export const Label = Type.Composite([
  LabelSnapshot,
  Type.Object({
    version: Type.Integer({ minimum: 1 }),
    /** SHA-256 (hex) of the RFC 8785 canonical JSON of the snapshot: what auditors compare. */
    contentHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    createdBy: Type.String(),
    updatedAt: Timestamp,
    updatedBy: Type.String(),
  }),
]);
export type Label = Static<typeof Label>;

export const LabelList = Type.Object({ labels: Type.Array(Label) });
export type LabelList = Static<typeof LabelList>;

/**
 * One immutable version of a label: every create, modify, delete and submission makes one,
 * numbered per label in the order the server recorded them (a late delivery of an older change
 * gets the next number; `occurredAt` says when it happened).
 */
export const LabelVersion = Type.Object({
  labelId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  change: Type.Union([Type.Literal('created'), Type.Literal('modified'), Type.Literal('removed'), Type.Literal('submitted')]),
  /** The label after the change; for a removal, the label as it was when removed. */
  snapshot: LabelSnapshot,
  contentHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  schemaVersion: Type.Integer({ minimum: 1 }),
  author: Type.String(),
  recordedAt: Timestamp,
  /** When the client says the change happened. */
  occurredAt: Timestamp,
  eventId: Uuid,
});
export type LabelVersion = Static<typeof LabelVersion>;

export const LabelVersionList = Type.Object({ versions: Type.Array(LabelVersion) });
export type LabelVersionList = Static<typeof LabelVersionList>;
