import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Uid, Uuid } from './common.js';

/**
 * DICOM-native export and import of labels: drawn labels and classifications as a DICOM SR
 * (Comprehensive 3D SR, TID 1500), segmentations as DICOM SEG, stored through the server's
 * DICOMweb store and, when the site configures one, its PACS; and back into labels.
 */
export const EXPORT_FORMATS = ['sr', 'seg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const ExportFormatSchema = Type.Union(EXPORT_FORMATS.map(f => Type.Literal(f)));

/** Where exported instances go: the server's own DICOMweb store, and the site's PACS. */
export const EXPORT_DESTINATIONS = ['local', 'pacs'] as const;
export type ExportDestination = (typeof EXPORT_DESTINATIONS)[number];

export const ExportRequest = Type.Object(
  {
    projectId: Slug,
    formats: Type.Array(ExportFormatSchema, { minItems: 1, maxItems: EXPORT_FORMATS.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ExportRequest = Static<typeof ExportRequest>;

/** One new DICOM instance: an SR of the study, or a SEG of one source series. */
export const ExportedInstance = Type.Object({
  format: ExportFormatSchema,
  SOPClassUID: Uid,
  SOPInstanceUID: Uid,
  SeriesInstanceUID: Uid,
  /** SEG: the series it segments. */
  sourceSeriesInstanceUID: Type.Optional(Uid),
  /** The labels it carries. */
  labelIds: Type.Array(Uuid),
  /** Size of the Part 10 file, bytes. */
  size: Type.Integer({ minimum: 0 }),
});
export type ExportedInstance = Static<typeof ExportedInstance>;

/** What one destination did with one instance; a failure says why and is never dropped. */
export const DestinationResult = Type.Object({
  destination: Type.Union(EXPORT_DESTINATIONS.map(d => Type.Literal(d))),
  SOPInstanceUID: Uid,
  status: Type.Union([Type.Literal('stored'), Type.Literal('failed')]),
  /** Why it failed (no PHI): an HTTP status, a STOW-RS failure reason, a network error. */
  message: Type.Optional(Type.String()),
});
export type DestinationResult = Static<typeof DestinationResult>;

/** A label that could not be written into the format, and why. */
export const ExportProblem = Type.Object({
  format: ExportFormatSchema,
  labelId: Uuid,
  message: Type.String(),
});
export type ExportProblem = Static<typeof ExportProblem>;

export const ExportResponse = Type.Object({
  StudyInstanceUID: Uid,
  projectId: Slug,
  instances: Type.Array(ExportedInstance),
  destinations: Type.Array(DestinationResult),
  problems: Type.Array(ExportProblem),
  /** Formats asked for that had nothing to write (e.g. SEG of a study without segmentations). */
  skipped: Type.Array(Type.Object({ format: ExportFormatSchema, reason: Type.String() })),
  /** True when every instance reached every destination. */
  complete: Type.Boolean(),
});
export type ExportResponse = Static<typeof ExportResponse>;

export const ImportRequest = Type.Object(
  {
    /** The project the labels are imported into; files whose labels belong to another project are left out. */
    projectId: Slug,
    /** Read from the server's own store (default) or from the site's PACS. */
    source: Type.Optional(Type.Union(EXPORT_DESTINATIONS.map(d => Type.Literal(d)))),
    /** The SR and SEG instances to read; all of the study's when omitted. */
    SOPInstanceUIDs: Type.Optional(Type.Array(Uid, { minItems: 1, maxItems: 1000 })),
    /** Schema version for files without ReadingRoom label facts (another system's SR or SEG); default the latest. */
    schemaVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ImportRequest = Static<typeof ImportRequest>;

export const IMPORT_OUTCOMES = ['created', 'modified', 'unchanged', 'rejected'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** What became of one label read from DICOM: it went through label ingest like any label event. */
export const ImportedLabel = Type.Object({
  labelId: Uuid,
  SOPInstanceUID: Uid,
  outcome: Type.Union(IMPORT_OUTCOMES.map(o => Type.Literal(o))),
  reason: Type.Optional(Type.String()),
});
export type ImportedLabel = Static<typeof ImportedLabel>;

/** An instance that was read (or could not be), with what in it could not become a label. */
export const ImportedInstance = Type.Object({
  SOPInstanceUID: Uid,
  SOPClassUID: Type.Optional(Uid),
  labelCount: Type.Integer({ minimum: 0 }),
  problems: Type.Array(Type.Object({ item: Type.String(), message: Type.String() })),
});
export type ImportedInstance = Static<typeof ImportedInstance>;

export const ImportResponse = Type.Object({
  StudyInstanceUID: Uid,
  projectId: Slug,
  source: Type.Union(EXPORT_DESTINATIONS.map(d => Type.Literal(d))),
  instances: Type.Array(ImportedInstance),
  labels: Type.Array(ImportedLabel),
});
export type ImportResponse = Static<typeof ImportResponse>;
