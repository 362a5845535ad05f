import { randomUUID } from 'node:crypto';
import type { BreakGlassGrant, BreakGlassRequest, CaseAssignment, KnownUser, ProjectMember, ProjectRole, SessionUser } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { Database } from '../../stores/db/Database.js';
import { createMembershipStore } from '../../stores/access/createMembershipStore.js';
import type { AccessStores } from '../../stores/access/accessStoresPlugin.js';
import type { Authorize } from '../labeling/authorize.js';
import { hasRole } from './decideAccess.js';

export interface AccessAdminService {
  listMembers(user: SessionUser, projectId: string): Promise<ProjectMember[]>;
  /** Replaces the member's project roles; answers their memberships afterwards. */
  setMemberRoles(user: SessionUser, projectId: string, userId: string, roles: ProjectRole[]): Promise<ProjectMember[]>;
  removeMember(user: SessionUser, projectId: string, userId: string): Promise<void>;
  listAssignments(user: SessionUser, projectId: string): Promise<CaseAssignment[]>;
  assignCase(user: SessionUser, projectId: string, StudyInstanceUID: string, userId: string): Promise<{ assignment: CaseAssignment; created: boolean }>;
  unassignCase(user: SessionUser, projectId: string, StudyInstanceUID: string, userId: string): Promise<void>;
  listUsers(user: SessionUser): Promise<KnownUser[]>;
  breakGlass(user: SessionUser, request: BreakGlassRequest): Promise<BreakGlassGrant>;
  listBreakGlassGrants(user: SessionUser): Promise<BreakGlassGrant[]>;
}

export interface AccessAdminDeps {
  database: Database;
  stores: AccessStores;
  authorize: Authorize;
  projectExists(projectId: string): Promise<boolean>;
  studyInProject(projectId: string, StudyInstanceUID: string): Promise<boolean>;
  studyExists(StudyInstanceUID: string): Promise<boolean>;
  /** Writes the break-glass security alert to the ledger; access starts only once it is durable. */
  recordBreakGlass(grant: BreakGlassGrant, user: SessionUser): Promise<void>;
  breakGlassMinutes: number;
  now?: () => Date;
}

/** Project membership, case assignment, the user directory and break-glass. */
export function createAccessAdminService(deps: AccessAdminDeps): AccessAdminService {
  const { memberships, directory } = deps.stores;
  const now = () => (deps.now ?? (() => new Date()))();
  const requireProject = async (projectId: string) => {
    if (!(await deps.projectExists(projectId))) throw new HttpError(404, 'not_found', `No project "${projectId}"`);
  };
  // Project admins run their projects; only site admins appoint or remove project admins.
  // Asked through the access seam, so the refusal is answered and recorded like any other.
  const checkAppointment = async (user: SessionUser, projectId: string, before: ProjectRole[], after: ProjectRole[]) => {
    if (before.includes('project-admin') !== after.includes('project-admin')) await deps.authorize(user, 'project-admins.write', { projectId });
  };
  const rolesOf = async (projectId: string, userId: string) => (await memberships.listMembers(projectId)).filter(m => m.userId === userId);

  return {
    async listMembers(user, projectId) {
      await deps.authorize(user, 'members.read', { projectId });
      await requireProject(projectId);
      return memberships.listMembers(projectId);
    },

    async setMemberRoles(user, projectId, userId, roles) {
      await deps.authorize(user, 'members.write', { projectId });
      await requireProject(projectId);
      await checkAppointment(user, projectId, (await rolesOf(projectId, userId)).map(m => m.role), roles);
      await deps.database.transaction(tx => createMembershipStore(tx).setRoles(projectId, userId, roles, user.id, now().toISOString()));
      return rolesOf(projectId, userId);
    },

    async removeMember(user, projectId, userId) {
      await deps.authorize(user, 'members.write', { projectId });
      await requireProject(projectId);
      const before = (await rolesOf(projectId, userId)).map(m => m.role);
      if (before.length === 0) throw new HttpError(404, 'not_found', `"${userId}" is not a member of project "${projectId}"`);
      await checkAppointment(user, projectId, before, []);
      await memberships.setRoles(projectId, userId, [], user.id, now().toISOString());
    },

    async listAssignments(user, projectId) {
      await deps.authorize(user, 'assignments.read', { projectId });
      await requireProject(projectId);
      const seesAll = hasRole(user, 'site-admin') || [...((await memberships.listRolesOf(user.id)).get(projectId) ?? [])].some(r => r !== 'labeler' && hasRole(user, r));
      return memberships.listAssignments(projectId, seesAll ? undefined : user.id);
    },

    async assignCase(user, projectId, StudyInstanceUID, userId) {
      await deps.authorize(user, 'assignments.write', { projectId, StudyInstanceUID });
      await requireProject(projectId);
      if (!(await deps.studyInProject(projectId, StudyInstanceUID))) throw new HttpError(409, 'conflict', `The study is not part of project "${projectId}": add it first`);
      if (!(await rolesOf(projectId, userId)).some(m => m.role === 'labeler')) throw new HttpError(409, 'conflict', `"${userId}" is not a labeler of project "${projectId}": make them a member first`);
      const at = now().toISOString();
      const created = await memberships.assign({ projectId, StudyInstanceUID, userId }, user.id, at);
      const assignment = (await memberships.listAssignments(projectId, userId)).find(a => a.StudyInstanceUID === StudyInstanceUID)!;
      return { assignment, created };
    },

    async unassignCase(user, projectId, StudyInstanceUID, userId) {
      await deps.authorize(user, 'assignments.write', { projectId, StudyInstanceUID });
      await requireProject(projectId);
      if (!(await memberships.unassign(projectId, StudyInstanceUID, userId))) throw new HttpError(404, 'not_found', 'No such assignment');
    },

    async listUsers(user) {
      await deps.authorize(user, 'users.read');
      return directory.listUsers();
    },

    async breakGlass(user, request) {
      await deps.authorize(user, 'break-glass.request', { StudyInstanceUID: request.StudyInstanceUID });
      if (!(await deps.studyExists(request.StudyInstanceUID))) throw new HttpError(404, 'not_found', 'No such study on this server');
      const grantedAt = now();
      const grant: BreakGlassGrant = {
        grantId: randomUUID(),
        userId: user.id,
        StudyInstanceUID: request.StudyInstanceUID,
        reason: request.reason,
        grantedAt: grantedAt.toISOString(),
        expiresAt: new Date(grantedAt.getTime() + deps.breakGlassMinutes * 60_000).toISOString(),
      };
      // The alert is durable before the grant exists: no break-glass access goes unrecorded.
      await deps.recordBreakGlass(grant, user);
      await directory.insertGrant(grant);
      return grant;
    },

    async listBreakGlassGrants(user) {
      await deps.authorize(user, 'break-glass.request');
      return directory.listActiveGrants(user.id, now().getTime());
    },
  };
}
