import { Type, type Static } from '@sinclair/typebox';
import {
  ANNOTATION_KINDS,
  createValidator,
  LABEL_STATUSES,
  LabelAttributes,
  LabelMeasurement,
  Slug,
  Uid,
} from '@readingroom/platform-shim';

const Vec3 = Type.Tuple([Type.Number(), Type.Number(), Type.Number()]);

/**
 * What a label is that DICOM has no attribute or concept for: which project, schema version and
 * finding type id it belongs to, its workflow status, and how the viewer drew it. Exported as
 * one JSON text (SR: a private-coded TEXT item; SEG: a private data element) so our loader
 * restores the label exactly; other readers ignore it and still see every coded fact.
 */
export const LabelFacts = Type.Object(
  {
    format: Type.Literal('readingroom.label-facts/1'),
    projectId: Slug,
    schemaVersion: Type.Integer({ minimum: 1 }),
    findingTypeId: Slug,
    status: Type.Union(LABEL_STATUSES.map(s => Type.Literal(s))),
    // How a Cornerstone3D tool drew an annotation (SR).
    kind: Type.Optional(Type.Union(ANNOTATION_KINDS.map(k => Type.Literal(k)))),
    toolName: Type.Optional(Type.String({ maxLength: 64 })),
    closed: Type.Optional(Type.Boolean()),
    viewPlaneNormal: Type.Optional(Vec3),
    viewUp: Type.Optional(Vec3),
    /** The label lists an ellipse's shorter axis first; DICOM ELLIPSE lists the major axis first. */
    minorAxisFirst: Type.Optional(Type.Literal(true)),
    /** The label's Frame of Reference when its coordinates are image coordinates (SCOORD), which carry none. */
    FrameOfReferenceUID: Type.Optional(Uid),
    /** Optional label fields the DICOM encoding implies but the label did not have. */
    absent: Type.Optional(Type.Array(Type.Literal('FrameOfReferenceUID'), { maxItems: 1 })),
    // Segmentation labels (SEG has no place for these).
    segmentNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    attributes: Type.Optional(LabelAttributes),
    measurements: Type.Optional(Type.Array(LabelMeasurement, { maxItems: 32 })),
    text: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type LabelFacts = Static<typeof LabelFacts>;

export const LABEL_FACTS_FORMAT = 'readingroom.label-facts/1';

const validateLabelFacts = createValidator(LabelFacts);

/**
 * JSON text of the facts, optional keys only when set, in plain ASCII (other characters as \\u
 * escapes), so the text reads back the same whatever character set a reader assumes.
 */
export function writeLabelFacts(facts: LabelFacts): string {
  return JSON.stringify(facts).replace(/[\u0080-\uffff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Parses facts from a file; undefined with a reason when they are missing or not ours. */
export function readLabelFacts(text: string | undefined): { facts?: LabelFacts; problem?: string } {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'label facts are not JSON' };
  }
  const result = validateLabelFacts(parsed);
  return result.ok ? { facts: result.value } : { problem: `label facts do not match ${LABEL_FACTS_FORMAT}: ${result.errors.join('; ')}` };
}
