import type { ProjectRole, SessionUser } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { AccessStores } from '../../stores/access/accessStoresPlugin.js';
import type { AccessScopes, Action, Authorize, Resource, Scope } from '../labeling/authorize.js';
import { decideAccess, decideDicomweb, hasRole, mayQueryEveryStudy, type AccessFacts } from './decideAccess.js';

/** A denial as the ledger gets it: who, what, why (ids and UIDs only). */
export interface Denial {
  user: SessionUser;
  action: string;
  reason: string;
  projectId?: string;
  StudyInstanceUID?: string;
  route?: string;
}

export interface AccessService extends AccessScopes {
  authorize: Authorize;
  /** Studies a user may query through QIDO-RS: every one, or these. */
  queryableStudies(user: SessionUser): Promise<Scope>;
  /** Throws 403 (and records the denial) unless the user may do `kind` on the study through DICOMweb. */
  checkDicomweb(user: SessionUser, kind: 'query' | 'retrieve' | 'store', StudyInstanceUID: string | undefined, route: string): Promise<void>;
  /** The project roles a user effectively holds (membership roles their token grants too), by project. */
  projectRolesOf(user: SessionUser): Promise<Map<string, Set<ProjectRole>>>;
}

export interface AccessServiceDeps {
  stores: AccessStores;
  /** `development`: the one development user may do everything (loopback only). */
  mode: 'development' | 'oidc';
  recordDenial: (denial: Denial) => void;
  now?: () => Date;
}

/**
 * Access decisions for the whole server: gathers the facts (memberships, assignments,
 * break-glass grants) for `decideAccess` and `decideDicomweb`, answers 403 with the reason, and
 * records every denial.
 */
export function createAccessService(deps: AccessServiceDeps): AccessService {
  const { memberships, directory } = deps.stores;
  const nowMs = () => (deps.now ?? (() => new Date()))().getTime();
  const unrestricted = deps.mode === 'development';

  const projectRolesOf = async (user: SessionUser) => {
    const effective = new Map<string, Set<ProjectRole>>();
    for (const [projectId, roles] of await memberships.listRolesOf(user.id)) {
      const held = new Set([...roles].filter(role => hasRole(user, role)));
      if (held.size > 0) effective.set(projectId, held);
    }
    return effective;
  };

  /** The studies the user may see: those of their projects, and break-glass grants still valid. */
  const isStudyVisible = async (user: SessionUser, StudyInstanceUID: string, roles: Map<string, Set<ProjectRole>>) => {
    const projects = await memberships.findProjectsOfStudy(StudyInstanceUID);
    if ([...projects].some(p => roles.has(p))) return true;
    return hasRole(user, 'auditor') && (await directory.findGrantedStudies(user.id, nowMs())).has(StudyInstanceUID);
  };

  const gatherFacts = async (user: SessionUser, resource: Resource): Promise<AccessFacts> => {
    const roles = await projectRolesOf(user);
    const { projectId, StudyInstanceUID } = resource;
    return {
      projectRoles: (projectId && roles.get(projectId)) || new Set(),
      assigned: projectId !== undefined && StudyInstanceUID !== undefined && (await memberships.isAssigned(projectId, StudyInstanceUID, user.id)),
      studyVisible: StudyInstanceUID !== undefined && (await isStudyVisible(user, StudyInstanceUID, roles)),
    };
  };

  const refuse = (denial: Denial): never => {
    deps.recordDenial(denial);
    throw new HttpError(403, 'forbidden', `Not allowed (${denial.action}): ${denial.reason}`);
  };

  return {
    projectRolesOf,

    async authorize(user, action: Action, resource = {}) {
      if (unrestricted) return;
      const decision = decideAccess(user, action, resource, await gatherFacts(user, resource));
      if (!decision.allowed) refuse({ user, action, reason: decision.reason, ...resource });
    },

    async projectsFor(user, action, StudyInstanceUID) {
      if (unrestricted || hasRole(user, 'auditor') || (action === 'project.read' && hasRole(user, 'site-admin'))) return 'all';
      const roles = await projectRolesOf(user);
      if (action === 'project.read' && StudyInstanceUID === undefined) return new Set(roles.keys());
      const readable = new Set<string>();
      for (const [projectId, held] of roles) {
        const onlyLabeler = held.size === 1 && held.has('labeler');
        // A labeler works on (and reads the labels of) the cases assigned to them only.
        if (!onlyLabeler || StudyInstanceUID === undefined || (await memberships.isAssigned(projectId, StudyInstanceUID, user.id))) readable.add(projectId);
      }
      return readable;
    },

    async casesFor(user, projectId) {
      if (unrestricted) return 'all';
      const held = (await projectRolesOf(user)).get(projectId);
      if (!held || !(held.size === 1 && held.has('labeler'))) return 'all';
      return new Set((await memberships.listAssignments(projectId, user.id)).map(a => a.StudyInstanceUID));
    },

    async queryableStudies(user) {
      if (unrestricted || mayQueryEveryStudy(user)) return 'all';
      const studies = await memberships.listStudiesOfProjects([...(await projectRolesOf(user)).keys()]);
      if (hasRole(user, 'auditor')) for (const uid of await directory.findGrantedStudies(user.id, nowMs())) studies.add(uid);
      return studies;
    },

    async checkDicomweb(user, kind, StudyInstanceUID, route) {
      if (unrestricted) return;
      const visible = StudyInstanceUID !== undefined && (await isStudyVisible(user, StudyInstanceUID, await projectRolesOf(user)));
      const decision = decideDicomweb(user, kind, visible);
      if (!decision.allowed) refuse({ user, action: `dicomweb.${kind}`, reason: decision.reason, route, ...(StudyInstanceUID ? { StudyInstanceUID } : {}) });
    },
  };
}
