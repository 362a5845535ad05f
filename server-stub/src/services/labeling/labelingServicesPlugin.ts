import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createTimingReportService, type TimingReportService } from '../timing/createTimingReportService.js';
import { authorizeDevelopmentUser, UNRESTRICTED, type AccessScopes, type Authorize } from './authorize.js';
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
  /** The access decision seam (services/access in the server); the default allows the development user only. */
  authorize?: Authorize;
  /** What listings may show a user (services/access); the default shows everything. */
  scopes?: AccessScopes;
}

/** The labeling workflow's services: event ingest, projects and schemas, labels, cases, timing. */
export const labelingServicesPlugin = fp(
  async (app: FastifyInstance, options: LabelingServicesOptions) => {
    const stores = app.labelingStores;
    const authorize = options.authorize ?? authorizeDevelopmentUser;
    const scopes = options.scopes ?? UNRESTRICTED;
    app.decorate('ingestService', createIngestService({ stores, schemas: createSchemaCache(), authorize, audit: app.auditRecorder }));
    app.decorate('projectService', createProjectService({ stores, authorize, scopes }));
    app.decorate('labelQueryService', createLabelQueryService({ stores, authorize, scopes }));
    app.decorate('caseService', createCaseService({ stores, authorize, scopes }));
    app.decorate('timingReportService', createTimingReportService({ stores, authorize }));
  },
  { name: 'labeling-services', dependencies: ['labeling-stores', 'audit-recorder'] },
);
