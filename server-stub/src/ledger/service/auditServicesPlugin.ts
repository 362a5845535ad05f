import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
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
}

/** The auditor's read side of the ledger: checkpoints, proofs, trails. */
export const auditServicesPlugin = fp(
  async (app: FastifyInstance, options: AuditServicesOptions) => {
    app.decorate(
      'auditService',
      createAuditService({
        db: app.database,
        authorize: options.authorize ?? authorizeDevelopmentUser,
        key: app.auditLedger.key,
        locateInstance: async SOPInstanceUID => {
          const instance = await app.dicomIndex.findInstance(SOPInstanceUID);
          return instance && { StudyInstanceUID: instance.StudyInstanceUID, SeriesInstanceUID: instance.SeriesInstanceUID };
        },
      }),
    );
  },
  { name: 'audit-services', dependencies: ['audit-recorder', 'dicom-stores'] },
);
