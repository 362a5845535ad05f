import type { SessionUser } from '@readingroom/platform-shim';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { recordSecurityEvent, recordSecurityEventDurably } from '../../identity/recordSecurityEvent.js';
import { createAccessAdminService, type AccessAdminService } from './createAccessAdminService.js';
import { createAccessService, type AccessService, type Denial } from './createAccessService.js';

declare module 'fastify' {
  interface FastifyInstance {
    accessService: AccessService;
    accessAdminService: AccessAdminService;
  }
}

export interface AccessServicesOptions {
  /** How long a break-glass grant lasts. */
  breakGlassMinutes?: number;
}

/** How often a signed-in user's name and roles are written to the user directory, at most. */
const DIRECTORY_REFRESH_MS = 10 * 60_000;

/** Access decisions (roles, membership, assignment, break-glass) and their administration. */
export const accessServicesPlugin = fp(
  async (app: FastifyInstance, options: AccessServicesOptions) => {
    const stores = app.accessStores;
    const accessService = createAccessService({ stores, mode: app.identityMode, recordDenial: denial => recordSecurityEvent(app, toDenialEvent(denial)) });
    app.decorate('accessService', accessService);
    app.decorate(
      'accessAdminService',
      createAccessAdminService({
        database: app.database,
        stores,
        authorize: accessService.authorize,
        projectExists: async projectId => (await app.labelingStores.projects.getProject(projectId)) !== undefined,
        studyInProject: async (projectId, uid) => (await stores.memberships.findProjectsOfStudy(uid)).has(projectId),
        studyExists: async uid => (await app.dicomStore.listInstances({ StudyInstanceUID: uid })).length > 0,
        recordBreakGlass: (grant, user) => {
          app.log.warn({ securityAlert: 'break-glass', userId: user.id, grantId: grant.grantId, expiresAt: grant.expiresAt }, 'SECURITY ALERT: break-glass access granted');
          return recordSecurityEventDurably(app, {
            kind: 'security.break-glass',
            actor: { userId: user.id, role: 'auditor' },
            subject: { StudyInstanceUID: grant.StudyInstanceUID },
            // The reason is free text: it stays with the grant (break_glass_grants), the ledger names the grant.
            detail: { outcome: 'success', alert: true, severity: 'alert', grantId: grant.grantId, expiresAt: grant.expiresAt },
          });
        },
        breakGlassMinutes: options.breakGlassMinutes ?? 60,
      }),
    );
    if (app.identityMode === 'oidc') noteSignedInUsers(app);
  },
  { name: 'access-services', dependencies: ['identity', 'access-stores', 'labeling-stores'] },
);

function toDenialEvent(denial: Denial) {
  return {
    kind: 'access.denied' as const,
    actor: { userId: denial.user.id, ...(denial.user.roles.length > 0 ? { role: denial.user.roles.join(' ') } : {}) },
    ...(denial.StudyInstanceUID ? { subject: { StudyInstanceUID: denial.StudyInstanceUID } } : {}),
    detail: {
      outcome: 'minor-failure',
      status: 403,
      action: denial.action,
      reason: denial.reason,
      ...(denial.projectId ? { projectId: denial.projectId } : {}),
      ...(denial.route ? { route: denial.route } : {}),
    },
  };
}

/** Keeps the user directory (what admins pick members from) current, without a write per request. */
function noteSignedInUsers(app: FastifyInstance) {
  const noted = new Map<string, { key: string; atMs: number }>();
  app.addHook('onRequest', async request => {
    const user: SessionUser | null = request.user;
    if (!user) return;
    const key = `${user.displayName}\u0000${user.roles.join(' ')}`;
    const last = noted.get(user.id);
    if (last && last.key === key && Date.now() - last.atMs < DIRECTORY_REFRESH_MS) return;
    noted.set(user.id, { key, atMs: Date.now() });
    app.accessStores.directory.noteSeen(user, new Date().toISOString()).catch((error: Error) => {
      noted.delete(user.id);
      request.log.error({ err: { message: error.message } }, 'could not update the user directory');
    });
  });
}
