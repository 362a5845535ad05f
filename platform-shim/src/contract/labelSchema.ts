import { Type, type Static } from '@sinclair/typebox';
import { CodedConcept, Slug } from './coding.js';
import { Timestamp } from './common.js';

/** What a finding type may be drawn as. Classification kinds carry no geometry. */
export const GEOMETRY_KINDS = [
  'point',
  'length',
  'bidirectional',
  'ellipse',
  'rectangle',
  'freehand',
  'segmentation',
  'series-classification',
  'study-classification',
] as const;
export type GeometryKind = (typeof GEOMETRY_KINDS)[number];
export const GeometryKindSchema = Type.Union(GEOMETRY_KINDS.map(kind => Type.Literal(kind)));

const attributeBase = {
  id: Slug,
  label: Type.String({ minLength: 1, maxLength: 64 }),
  /** The concept the attribute names (the TID 1500 "Qualitative Evaluation" / measurement concept name). */
  code: Type.Optional(CodedConcept),
  required: Type.Boolean(),
};

export const EnumAttributeDefinition = Type.Object(
  {
    kind: Type.Literal('enum'),
    ...attributeBase,
    options: Type.Array(
      Type.Object({ id: Slug, label: Type.String({ minLength: 1, maxLength: 64 }), code: CodedConcept }, { additionalProperties: false }),
      { minItems: 1, maxItems: 64 },
    ),
  },
  { additionalProperties: false },
);

export const NumberAttributeDefinition = Type.Object(
  {
    kind: Type.Literal('number'),
    ...attributeBase,
    /** A UCUM unit, e.g. {CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter'}. */
    unit: CodedConcept,
    minimum: Type.Optional(Type.Number()),
    maximum: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export const TextAttributeDefinition = Type.Object(
  {
    kind: Type.Literal('text'),
    ...attributeBase,
    maxLength: Type.Integer({ minimum: 1, maximum: 1024 }),
  },
  { additionalProperties: false },
);

export const AttributeDefinition = Type.Union([EnumAttributeDefinition, NumberAttributeDefinition, TextAttributeDefinition]);
export type AttributeDefinition = Static<typeof AttributeDefinition>;

export const FindingType = Type.Object(
  {
    id: Slug,
    label: Type.String({ minLength: 1, maxLength: 64 }),
    /** What the finding is (DICOM SR Finding / SEG Segmented Property Type). */
    code: CodedConcept,
    /** Its category (SEG Segmented Property Category), e.g. SCT 49755003 "Morphologically abnormal structure". */
    category: CodedConcept,
    geometries: Type.Array(GeometryKindSchema, { minItems: 1, maxItems: GEOMETRY_KINDS.length }),
    attributes: Type.Array(AttributeDefinition, { maxItems: 32 }),
    /** Display colour, #rrggbb. */
    color: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
  },
  { additionalProperties: false },
);
export type FindingType = Static<typeof FindingType>;

/** The id a study-level "no finding" classification uses as its finding type. */
export const NO_FINDING_ID = 'no-finding';

/** A project's label schema as its admin writes it. */
export const LabelSchemaDefinition = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    findingTypes: Type.Array(FindingType, { minItems: 1, maxItems: 100 }),
    /** An explicit "no finding" answer for study-level classification. */
    noFinding: Type.Optional(
      Type.Object({ label: Type.String({ minLength: 1, maxLength: 64 }), code: CodedConcept }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type LabelSchemaDefinition = Static<typeof LabelSchemaDefinition>;

/** A stored, immutable version of a project's schema. */
export const LabelSchema = Type.Object({
  projectId: Slug,
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  createdBy: Type.String(),
  definition: LabelSchemaDefinition,
});
export type LabelSchema = Static<typeof LabelSchema>;

export const Project = Type.Object({
  projectId: Slug,
  title: Type.String({ minLength: 1, maxLength: 128 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  latestSchemaVersion: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type Project = Static<typeof Project>;
