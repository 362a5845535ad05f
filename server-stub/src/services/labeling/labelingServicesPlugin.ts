import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createTimingReportService, type TimingReportService } from '../timing/createTimingReportService.js';
import { authorizeDevelopmentUser, type Authorize } from './authorize.js';
import { createCaseService, type CaseService } from './createCaseService.js';
import { createIngestService, type IngestService } from './createIngestService.js';
import { createLabelQueryService, type LabelQueryService } from './createLabelQueryService.js';
import { createProjectService, type ProjectService } from './createProjectService.js';
import { createSchemaCache } from './createSchemaCache.js';

declare module 'fastify' {
  interface FastifyInstance {
    ingestService: IngestService;
    projectService: ProjectService;
    labelQueryService: LabelQueryService;
    caseService: CaseService;
    timingReportService: TimingReportService;
  }
}

export interface LabelingServicesOptions {
  /** The access decision seam; identity and roles (issue 4) replace the default. */
  authorize?: Authorize;
}

/** The labeling workflow's services: event ingest, projects and schemas, labels, cases, timing. */
export const labelingServicesPlugin = fp(
  async (app: FastifyInstance, options: LabelingServicesOptions) => {
    const stores = app.labelingStores;
    const authorize = options.authorize ?? authorizeDevelopmentUser;
    app.decorate('ingestService', createIngestService({ stores, schemas: createSchemaCache(), authorize, audit: app.auditRecorder }));
    app.decorate('projectService', createProjectService({ stores, authorize }));
    app.decorate('labelQueryService', createLabelQueryService({ stores, authorize }));
    app.decorate('caseService', createCaseService({ stores, authorize }));
    app.decorate('timingReportService', createTimingReportService({ stores, authorize }));
  },
  { name: 'labeling-services', dependencies: ['labeling-stores', 'audit-recorder'] },
);
