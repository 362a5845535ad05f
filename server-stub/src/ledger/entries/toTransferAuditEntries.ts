/**
 * What DICOM export and import put in the ledger: one `export.created` per export and one
 * `import.received` per import, with the written or read SR/SEG instances, each destination's
 * outcome and the labels by id, version and content hash — never the labels' content.
 */
import type { DestinationResult, ExportResponse, ImportResponse, Label, SessionUser } from '@readingroom/platform-shim';
import type { AuditEntry, JsonValue } from '../AuditRecorder.js';
import { getSnapshotReferences, type SnapshotUids } from './getLabelReferences.js';
import { toAuditActor } from './toAuditActor.js';

type Outcome = 'success' | 'minor-failure' | 'serious-failure';

/** The labels of `ids`, by id, version and content hash (ids the study no longer holds are left out). */
function labelVersions(labels: readonly Label[], ids: Iterable<string>): JsonValue[] {
  const byId = new Map(labels.map(label => [label.labelId, label]));
  return [...new Set(ids)].flatMap(id => {
    const label = byId.get(id);
    return label ? [{ labelId: id, labelVersion: label.version, contentHash: label.contentHash }] : [];
  });
}

/** The source images the labels of `ids` refer to (a study or series label refers to none). */
function referencedInstances(labels: readonly Label[], ids: ReadonlySet<string>): string[] {
  const instances = new Set<string>();
  for (const label of labels) if (ids.has(label.labelId)) for (const uid of getSnapshotReferences(label as unknown as SnapshotUids).SOPInstanceUIDs ?? []) instances.add(uid);
  return [...instances];
}

export interface ExportAuditInput {
  user: Pick<SessionUser, 'id' | 'roles'>;
  formats: readonly string[];
  /** The study's labels of the project as they were exported. */
  labels: readonly Label[];
  result: ExportResponse;
}

export function toExportAuditEntry({ user, formats, labels, result }: ExportAuditInput): AuditEntry {
  const exported = new Set(result.instances.flatMap(i => i.labelIds));
  const stored = result.destinations.filter(d => d.status === 'stored').length;
  const outcome: Outcome = result.complete ? 'success' : stored > 0 ? 'minor-failure' : 'serious-failure';
  const instances = referencedInstances(labels, exported);
  return {
    kind: 'export.created',
    actor: toAuditActor(user),
    subject: { StudyInstanceUID: result.StudyInstanceUID, ...(instances.length > 0 ? { SOPInstanceUIDs: instances } : {}) },
    detail: {
      projectId: result.projectId,
      formats: [...formats],
      instances: result.instances.map(i => ({ format: i.format, SOPClassUID: i.SOPClassUID, SOPInstanceUID: i.SOPInstanceUID, SeriesInstanceUID: i.SeriesInstanceUID, labelIds: i.labelIds })),
      destinations: result.destinations.map(d => ({ destination: d.destination, SOPInstanceUID: d.SOPInstanceUID, status: d.status })),
      labels: labelVersions(labels, exported),
      skipped: result.skipped.map(s => s.format),
      problemCount: result.problems.length,
      outcome,
      ...(outcome === 'success' ? {} : { reason: `${result.destinations.length - stored} of ${result.destinations.length} deliveries failed` }),
    },
  };
}

export interface FailedExportAuditInput {
  user: Pick<SessionUser, 'id' | 'roles'>;
  formats: readonly string[];
  /** The study's labels of the project the export was asked for. */
  labels: readonly Label[];
  StudyInstanceUID: string;
  projectId: string;
  /** The destinations that had answered before the failure (usually none). */
  destinations: readonly DestinationResult[];
  /** PHI-free: what the user was told, or "internal error". */
  reason: string;
}

/** An export that failed with an error: its labels, and what any destination had answered by then. */
export function toFailedExportAuditEntry({ user, formats, labels, StudyInstanceUID, projectId, destinations, reason }: FailedExportAuditInput): AuditEntry {
  const instances = referencedInstances(labels, new Set(labels.map(label => label.labelId)));
  return {
    kind: 'export.created',
    actor: toAuditActor(user),
    subject: { StudyInstanceUID, ...(instances.length > 0 ? { SOPInstanceUIDs: instances } : {}) },
    detail: {
      projectId,
      formats: [...formats],
      instances: [],
      destinations: destinations.map(d => ({ destination: d.destination, SOPInstanceUID: d.SOPInstanceUID, status: d.status })),
      labels: labelVersions(labels, labels.map(label => label.labelId)),
      outcome: 'serious-failure',
      reason: `export failed: ${reason}`,
    },
  };
}

export interface ImportAuditInput {
  user: Pick<SessionUser, 'id' | 'roles'>;
  /** The study's labels of the project after the import. */
  labels: readonly Label[];
  result: ImportResponse;
}

export function toImportAuditEntry({ user, labels, result }: ImportAuditInput): AuditEntry {
  const read = result.instances.filter(i => i.SOPClassUID !== undefined);
  const byId = new Map(labels.map(label => [label.labelId, label]));
  const rejected = result.labels.filter(l => l.outcome === 'rejected').length;
  const outcome: Outcome = rejected === 0 ? 'success' : rejected < result.labels.length ? 'minor-failure' : 'serious-failure';
  return {
    kind: 'import.received',
    actor: toAuditActor(user),
    subject: { StudyInstanceUID: result.StudyInstanceUID, ...(read.length > 0 ? { SOPInstanceUIDs: read.map(i => i.SOPInstanceUID) } : {}) },
    detail: {
      projectId: result.projectId,
      source: result.source,
      instances: result.instances.map(i => ({ SOPInstanceUID: i.SOPInstanceUID, ...(i.SOPClassUID ? { SOPClassUID: i.SOPClassUID } : {}), labelCount: i.labelCount, problemCount: i.problems.length })),
      labels: result.labels.map(l => {
        const label = l.outcome === 'rejected' ? undefined : byId.get(l.labelId);
        return { labelId: l.labelId, SOPInstanceUID: l.SOPInstanceUID, outcome: l.outcome, ...(label ? { labelVersion: label.version, contentHash: label.contentHash } : {}) };
      }),
      outcome,
      ...(outcome === 'success' ? {} : { reason: `${rejected} of ${result.labels.length} labels rejected` }),
    },
  };
}
