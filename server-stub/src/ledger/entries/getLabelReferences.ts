import type { AuditSubject } from '../AuditRecorder.js';

export interface SnapshotUids {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
  geometry?: { kind?: string; frames?: { SOPInstanceUID?: string }[] };
}

/**
 * The study, series and instances a label (its canonical snapshot) refers to: an image label's
 * instance, a segmentation's source instances, a series or study label's series or study only.
 */
export function getLabelReferences(canonicalSnapshot: string): LabelReferences {
  return getSnapshotReferences(JSON.parse(canonicalSnapshot) as SnapshotUids);
}

type LabelReferences = Pick<AuditSubject, 'StudyInstanceUID' | 'SeriesInstanceUID' | 'SOPInstanceUIDs'>;

/** The same, from a label (or its snapshot) as an object. */
export function getSnapshotReferences(snapshot: SnapshotUids): LabelReferences {
  const instances = new Set<string>();
  if (snapshot.SOPInstanceUID) instances.add(snapshot.SOPInstanceUID);
  if (snapshot.geometry?.kind === 'segmentation') for (const frame of snapshot.geometry.frames ?? []) if (frame.SOPInstanceUID) instances.add(frame.SOPInstanceUID);
  const references: LabelReferences = { StudyInstanceUID: snapshot.StudyInstanceUID };
  if (snapshot.SeriesInstanceUID) references.SeriesInstanceUID = snapshot.SeriesInstanceUID;
  if (instances.size > 0) references.SOPInstanceUIDs = [...instances];
  return references;
}
