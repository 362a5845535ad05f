import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPacsClient, type PacsSettings } from '../../exports/pacs/createPacsClient.js';
import { createExportService, type ExportService, type LabelingAccess } from './createExportService.js';
import { createImportService, type ImportService } from './createImportService.js';

declare module 'fastify' {
  interface FastifyInstance {
    exportService: ExportService;
    importService: ImportService;
  }
}

export interface ExportsServicesOptions {
  /** The site's PACS (DICOMweb), when configured. */
  pacs?: PacsSettings;
}

/** DICOM export and import of labels, on the labeling services and the DICOM store. */
export const exportsServicesPlugin = fp(
  async (app: FastifyInstance, options: ExportsServicesOptions) => {
    const labeling: LabelingAccess = {
      listStudyLabels: (user, uid, projectId) => app.labelQueryService.listStudyLabels(user, uid, projectId),
      getSchema: (user, projectId, version) => app.projectService.getSchema(user, projectId, version),
    };
    const pacs = options.pacs ? createPacsClient(options.pacs) : undefined;
    app.decorate('exportService', createExportService({ labeling, dicomStore: app.dicomStore, pacs, audit: app.auditRecorder }));
    app.decorate('importService', createImportService({ labeling, ingest: app.ingestService, dicomStore: app.dicomStore, pacs, audit: app.auditRecorder }));
  },
  { name: 'exports-services', dependencies: ['labeling-services', 'dicom-store', 'audit-recorder'] },
);
