import { Type, type Static } from '@sinclair/typebox';
import { Timestamp, Uid, Uuid } from './common.js';

const Vec3 = Type.Tuple([Type.Number(), Type.Number(), Type.Number()]);

/** Geometry in patient (world) coordinates, millimetres, as Cornerstone3D annotations keep it. */
export const LabelGeometry = Type.Object(
  {
    points: Type.Array(Vec3, { maxItems: 10_000 }),
    viewPlaneNormal: Type.Optional(Vec3),
    viewUp: Type.Optional(Vec3),
  },
  { additionalProperties: false },
);

export const LabelMeasurement = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    value: Type.Number(),
    unit: Type.String({ maxLength: 32 }),
  },
  { additionalProperties: false },
);

/** What a client says a label is: where it is, what drew it, and its geometry. */
export const LabelSnapshot = Type.Object(
  {
    labelId: Uuid,
    StudyInstanceUID: Uid,
    SeriesInstanceUID: Uid,
    SOPInstanceUID: Uid,
    frameNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    FrameOfReferenceUID: Type.Optional(Uid),
    toolName: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    geometry: LabelGeometry,
    measurements: Type.Optional(Type.Array(LabelMeasurement, { maxItems: 32 })),
    text: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type LabelSnapshot = Static<typeof LabelSnapshot>;

/** A label as the server holds it now. */
export const Label = Type.Composite(
  [
    LabelSnapshot,
    Type.Object({
      version: Type.Integer({ minimum: 1 }),
      updatedAt: Timestamp,
      updatedBy: Type.String(),
    }),
  ],
  {},
);
export type Label = Static<typeof Label>;

export const LabelList = Type.Object({ labels: Type.Array(Label) }, {});
export type LabelList = Static<typeof LabelList>;
