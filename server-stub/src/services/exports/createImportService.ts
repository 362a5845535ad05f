import {
  createUuidV7,
  MAX_EVENTS_PER_BATCH,
  type ClientEvent,
  type ImportedLabel,
  type ImportRequest,
  type ImportResponse,
  type LabelSchemaDefinition,
  type LabelSnapshot,
  type SessionUser,
} from '@readingroom/platform-shim';
import { isSameLabel, toSnapshot } from '../../exports/isSameLabel.js';
import type { PacsClient } from '../../exports/pacs/createPacsClient.js';
import type { AuditRecorder } from '../../ledger/AuditRecorder.js';
import { toImportAuditEntry } from '../../ledger/entries/toTransferAuditEntries.js';
import { HttpError } from '../../plugins/errorHandling.js';
import type { DicomService } from '../dicom/createDicomService.js';
import type { IngestService } from '../labeling/createIngestService.js';
import { loadSchemas, type LabelingAccess } from './createExportService.js';
import { loadSourceStudy } from './loadSourceStudy.js';
import { listLocalCandidates, listPacsCandidates, readImportInstance, type ImportCandidate, type ReadInstance } from './readImportInstances.js';

export interface ImportServiceDeps {
  labeling: LabelingAccess;
  ingest: Pick<IngestService, 'ingest'>;
  dicomStore: Pick<DicomService, 'listMetadata' | 'listInstances' | 'openFile'>;
  pacs?: PacsClient;
  /**
   * The ledger: each import is recorded (`import.received`) after its labels are written. The
   * label versions themselves are recorded by ingest, in the transactions that store them.
   */
  audit?: Pick<AuditRecorder, 'record'>;
  now?: () => Date;
}

export interface ImportService {
  importStudy(user: SessionUser, StudyInstanceUID: string, request: ImportRequest): Promise<ImportResponse>;
}

interface Found {
  label: LabelSnapshot;
  SOPInstanceUID: string;
  createdAt: string;
}

/**
 * Import: the study's SR and SEG instances (ours or a PACS's) become labels of a project again,
 * through label ingest, so validation against the schema version, versions and the audit trail
 * apply as to any label change. A label the server already holds unchanged is left alone.
 */
export function createImportService(deps: ImportServiceDeps): ImportService {
  const now = deps.now ?? (() => new Date());
  return {
    async importStudy(user, StudyInstanceUID, request) {
      const from = request.source ?? 'local';
      if (from === 'pacs' && !deps.pacs) throw new HttpError(409, 'pacs_not_configured', 'No PACS is configured (PACS_DICOMWEB_URL)');
      const current = new Map((await deps.labeling.listStudyLabels(user, StudyInstanceUID, request.projectId)).map(l => [l.labelId, toSnapshot(l)]));
      const latest = await deps.labeling.getSchema(user, request.projectId, 'latest');
      if (!latest) throw new HttpError(404, 'not_found', `Project "${request.projectId}" has no label schema`);
      const schemas = await loadSchemas(deps.labeling, user, request.projectId, Array.from({ length: latest.version }, (_, i) => i + 1));
      const candidates = await selectCandidates(from === 'pacs' ? await listPacsCandidates(deps.pacs!, StudyInstanceUID) : await listLocalCandidates(deps.dicomStore, StudyInstanceUID), request.SOPInstanceUIDs);
      const source = await loadSourceStudy(StudyInstanceUID, deps.dicomStore, deps.pacs, from);
      const context = {
        schemaOf: (projectId: string, version: number): LabelSchemaDefinition | undefined => (projectId === request.projectId ? schemas.get(version) : undefined),
        target: { projectId: request.projectId, schemaVersion: request.schemaVersion ?? latest.version },
      };
      const read: ReadInstance[] = [];
      for (const candidate of candidates.found) read.push(await readImportInstance(candidate, source, context));
      const found = newestCopies(read);
      const labels = await ingestLabels(deps.ingest, user, found, current, now());
      const result: ImportResponse = {
        StudyInstanceUID,
        projectId: request.projectId,
        source: from,
        instances: [...candidates.missing, ...read.map(r => ({ ...r.report, labelCount: r.labels.length }))],
        labels,
      };
      if (deps.audit) {
        const after = await deps.labeling.listStudyLabels(user, StudyInstanceUID, request.projectId);
        await deps.audit.record([toImportAuditEntry({ user, labels: after, result })]);
      }
      return result;
    },
  };
}

async function selectCandidates(all: ImportCandidate[], wanted: string[] | undefined) {
  if (!wanted) return { found: all, missing: [] };
  const byUid = new Map(all.map(c => [c.SOPInstanceUID, c]));
  return {
    found: wanted.flatMap(uid => byUid.get(uid) ?? []),
    missing: wanted.filter(uid => !byUid.has(uid)).map(SOPInstanceUID => ({ SOPInstanceUID, labelCount: 0, problems: [{ item: SOPInstanceUID, message: 'no SR or SEG instance of the study has this UID' }] })),
  };
}

/** A label exported more than once is taken from the newest instance. */
function newestCopies(read: ReadInstance[]): Found[] {
  const byLabel = new Map<string, Found>();
  for (const instance of read) {
    for (const label of instance.labels) {
      const seen = byLabel.get(label.labelId);
      if (!seen || seen.createdAt <= instance.createdAt) byLabel.set(label.labelId, { label, SOPInstanceUID: instance.report.SOPInstanceUID, createdAt: instance.createdAt });
    }
  }
  return [...byLabel.values()];
}

async function ingestLabels(ingest: ImportServiceDeps['ingest'], user: SessionUser, found: Found[], current: Map<string, LabelSnapshot>, at: Date): Promise<ImportedLabel[]> {
  const outcomes: ImportedLabel[] = [];
  const pending: Array<{ found: Found; event: ClientEvent; outcome: 'created' | 'modified' }> = [];
  for (const item of found) {
    const existing = current.get(item.label.labelId);
    if (existing && isSameLabel(item.label, existing)) {
      outcomes.push({ labelId: item.label.labelId, SOPInstanceUID: item.SOPInstanceUID, outcome: 'unchanged' });
      continue;
    }
    const type = existing ? 'label.modified' : 'label.created';
    pending.push({ found: item, outcome: existing ? 'modified' : 'created', event: { eventId: createUuidV7(), type, occurredAt: at.toISOString(), payload: item.label } as ClientEvent });
  }
  const clientId = createUuidV7();
  for (let start = 0; start < pending.length; start += MAX_EVENTS_PER_BATCH) {
    const batch = pending.slice(start, start + MAX_EVENTS_PER_BATCH);
    const results = await ingest.ingest({ clientId, events: batch.map(p => p.event) }, user);
    batch.forEach(({ found: item, outcome }, i) => {
      const result = results[i]!;
      outcomes.push(result.status === 'rejected'
        ? { labelId: item.label.labelId, SOPInstanceUID: item.SOPInstanceUID, outcome: 'rejected', reason: result.reason ?? 'rejected' }
        : { labelId: item.label.labelId, SOPInstanceUID: item.SOPInstanceUID, outcome: result.status === 'duplicate' ? 'unchanged' : outcome });
    });
  }
  return outcomes;
}
