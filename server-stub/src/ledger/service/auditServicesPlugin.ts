import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import fp from 'fastify-plugin';
import type { AuditSource } from '../renderings/AuditSource.js';
import { authorizeDevelopmentUser, type Authorize } from '../../services/labeling/authorize.js';
import { createAuditService, type AuditService } from './createAuditService.js';

declare module 'fastify' {
  interface FastifyInstance {
    auditService: AuditService;
  }
}

export interface AuditServicesOptions {
  /** The access seam (services/access: the auditor role); the default allows the development user only. */
  authorize?: Authorize;
  /** This server as the audit source of the renderings (config: AUDIT_SOURCE_ID, AUDIT_ENTERPRISE_SITE_ID); the host name by default. */
  source?: AuditSource;
}

/** The auditor's read side of the ledger: checkpoints, proofs, trails, renderings of a record. */
export const auditServicesPlugin = fp(
  async (app: FastifyInstance, options: AuditServicesOptions) => {
    app.decorate(
      'auditService',
      createAuditService({
        db: app.database,
        authorize: options.authorize ?? authorizeDevelopmentUser,
        key: app.auditLedger.key,
        source: options.source ?? { sourceId: hostname() || 'readingroom' },
        findSopClasses: async scope => new Map((await app.dicomIndex.listInstances(scope)).map(instance => [instance.SOPInstanceUID, instance.SOPClassUID])),
        locateInstance: async SOPInstanceUID => {
          const instance = await app.dicomIndex.findInstance(SOPInstanceUID);
          return instance && { StudyInstanceUID: instance.StudyInstanceUID, SeriesInstanceUID: instance.SeriesInstanceUID };
        },
      }),
    );
  },
  { name: 'audit-services', dependencies: ['audit-recorder', 'dicom-stores'] },
);
