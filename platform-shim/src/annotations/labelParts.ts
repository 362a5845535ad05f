import type { LabelSnapshot } from '../contract/labels.js';

/**
 * Where a label is and what was drawn: the part of a snapshot the viewer measures. It comes
 * from Cornerstone3D (an annotation, a labelmap segment) or, for classifications, from the
 * case being read.
 */
export type LabelShape = Pick<
  LabelSnapshot,
  | 'labelId'
  | 'scope'
  | 'StudyInstanceUID'
  | 'SeriesInstanceUID'
  | 'SOPInstanceUID'
  | 'frameNumber'
  | 'FrameOfReferenceUID'
  | 'geometry'
  | 'measurements'
  | 'text'
>;

/** What a label says: the part of a snapshot the labeler chooses in the label picker. */
export type LabelTerms = Pick<LabelSnapshot, 'projectId' | 'schemaVersion' | 'findingTypeId' | 'attributes' | 'status'>;

/** A snapshot from its two parts (optional fields left out rather than set to undefined). */
export function composeLabelSnapshot(shape: LabelShape, terms: LabelTerms): LabelSnapshot {
  const snapshot = { ...shape, ...terms } as LabelSnapshot;
  for (const key of Object.keys(snapshot) as Array<keyof LabelSnapshot>) {
    if (snapshot[key] === undefined) delete snapshot[key];
  }
  return snapshot;
}

/** The shape part of a snapshot. */
export function shapeOf(snapshot: LabelSnapshot): LabelShape {
  const { projectId: _p, schemaVersion: _v, findingTypeId: _f, attributes: _a, status: _s, ...shape } = snapshot;
  return shape;
}

/** The terms part of a snapshot. */
export function termsOf(snapshot: LabelSnapshot): LabelTerms {
  const { projectId, schemaVersion, findingTypeId, attributes, status } = snapshot;
  return { projectId, schemaVersion, findingTypeId, attributes, status };
}
