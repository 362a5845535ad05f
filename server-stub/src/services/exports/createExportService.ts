import type { DestinationResult, ExportRequest, ExportResponse, Label, LabelSchema, LabelSchemaDefinition, LabelSnapshot, SessionUser } from '@readingroom/platform-shim';
import type { AuditRecorder } from '../../ledger/AuditRecorder.js';
import { toExportAuditEntry, toFailedExportAuditEntry } from '../../ledger/entries/toTransferAuditEntries.js';
import type { PacsClient } from '../../exports/pacs/createPacsClient.js';
import { PacsError } from '../../exports/pacs/createPacsClient.js';
import { HttpError } from '../../plugins/errorHandling.js';
import { toSnapshot } from '../../exports/isSameLabel.js';
import type { DicomService } from '../dicom/createDicomService.js';
import { buildExportInstances, type BuiltInstance } from './buildExportInstances.js';
import { loadSourceStudy } from './loadSourceStudy.js';

/** What the export and import services need from the labeling services (their access checks apply). */
export interface LabelingAccess {
  listStudyLabels(user: SessionUser, StudyInstanceUID: string, projectId?: string): Promise<Label[]>;
  getSchema(user: SessionUser, projectId: string, version: number | 'latest'): Promise<LabelSchema | null>;
}

export interface ExportServiceDeps {
  labeling: LabelingAccess;
  dicomStore: Pick<DicomService, 'listMetadata' | 'storeInstances'>;
  pacs?: PacsClient;
  /** The ledger: each export is recorded (`export.created`) once its destinations have answered, or it failed. */
  audit?: Pick<AuditRecorder, 'record'>;
  now?: () => Date;
}

export interface ExportService {
  exportStudy(user: SessionUser, StudyInstanceUID: string, request: ExportRequest): Promise<ExportResponse>;
}

/** The schema versions a set of labels was made with, fetched once each. */
export async function loadSchemas(labeling: LabelingAccess, user: SessionUser, projectId: string, versions: number[]): Promise<Map<number, LabelSchemaDefinition>> {
  const schemas = new Map<number, LabelSchemaDefinition>();
  for (const version of new Set(versions)) {
    const schema = await labeling.getSchema(user, projectId, version);
    if (schema) schemas.set(version, schema.definition);
  }
  return schemas;
}

/**
 * Export: the study's labels of one project become new SR and SEG instances, stored through the
 * embedded DICOMweb store (the STOW-RS path) and, when a PACS is configured, sent there by
 * STOW-RS. Every instance gets a result per destination; a failure is reported, never dropped.
 */
export function createExportService(deps: ExportServiceDeps): ExportService {
  const now = deps.now ?? (() => new Date());
  return {
    async exportStudy(user, StudyInstanceUID, request) {
      // A refusal here is recorded as access.denied; anything after it is an export attempt.
      const current = await deps.labeling.listStudyLabels(user, StudyInstanceUID, request.projectId);
      const answered: DestinationResult[] = [];
      let result: ExportResponse;
      try {
        result = await deliver(user, StudyInstanceUID, request, current, answered);
      } catch (error) {
        // A failed attempt is in the ledger too, with whatever destinations had answered (the
        // auditor asks who tried to export this). The caller gets the original error; a ledger
        // failure here is logged by the recorder.
        const reason = error instanceof HttpError ? error.message : 'internal error';
        const entry = toFailedExportAuditEntry({ user, formats: request.formats, labels: current, StudyInstanceUID, projectId: request.projectId, destinations: answered, reason });
        await deps.audit?.record([entry]).catch(() => undefined);
        throw error;
      }
      await deps.audit?.record([toExportAuditEntry({ user, formats: request.formats, labels: current, result })]);
      return result;
    },
  };

  /** Builds the instances and sends them; `answered` collects each destination's results as they come. */
  async function deliver(user: SessionUser, StudyInstanceUID: string, request: ExportRequest, current: Label[], answered: DestinationResult[]): Promise<ExportResponse> {
    const labels: LabelSnapshot[] = current.map(label => toSnapshot(label));
    const schemas = await loadSchemas(deps.labeling, user, request.projectId, labels.map(l => l.schemaVersion));
    const source = await loadSourceStudy(StudyInstanceUID, deps.dicomStore, deps.pacs);
    const plan = buildExportInstances({
      formats: request.formats,
      labels,
      schemaOf: label => schemas.get(label.schemaVersion),
      source,
      projectId: request.projectId,
      authorName: user.displayName,
      createdAt: now(),
    });
    answered.push(...(await storeLocally(deps.dicomStore, StudyInstanceUID, plan.instances)));
    answered.push(...(await sendToPacs(deps.pacs, StudyInstanceUID, plan.instances)));
    const destinations = [...answered];
    return {
      StudyInstanceUID,
      projectId: request.projectId,
      instances: plan.instances.map(({ bytes, ...instance }) => ({ ...instance, size: bytes.byteLength })),
      destinations,
      problems: plan.problems,
      skipped: plan.skipped,
      complete: destinations.every(d => d.status === 'stored'),
    };
  }
}

async function storeLocally(dicomStore: ExportServiceDeps['dicomStore'], StudyInstanceUID: string, instances: BuiltInstance[]): Promise<DestinationResult[]> {
  const results = await dicomStore.storeInstances(instances.map(i => i.bytes), { expectedStudyInstanceUID: StudyInstanceUID });
  return results.map((result, i) => ({
    destination: 'local' as const,
    SOPInstanceUID: instances[i]!.SOPInstanceUID,
    status: result.status === 'failed' ? ('failed' as const) : ('stored' as const),
    ...(result.status === 'failed' ? { message: result.message ?? 'not stored' } : {}),
  }));
}

async function sendToPacs(pacs: PacsClient | undefined, StudyInstanceUID: string, instances: BuiltInstance[]): Promise<DestinationResult[]> {
  if (!pacs || instances.length === 0) return [];
  try {
    const results = await pacs.store(StudyInstanceUID, instances.map(i => ({ SOPInstanceUID: i.SOPInstanceUID, bytes: i.bytes })));
    return results.map(result => ({ destination: 'pacs' as const, SOPInstanceUID: result.SOPInstanceUID, status: result.status, ...(result.message ? { message: result.message } : {}) }));
  } catch (error) {
    if (!(error instanceof PacsError)) throw error;
    return instances.map(i => ({ destination: 'pacs' as const, SOPInstanceUID: i.SOPInstanceUID, status: 'failed' as const, message: error.message }));
  }
}
