import type { ProjectRole, Role, SessionUser } from '@readingroom/platform-shim';
import type { Action, Resource } from '../labeling/authorize.js';

/**
 * What is known about the user for one decision: the project roles they hold in the resource's
 * project (membership roles that their token also grants) and whether the resource's case is
 * assigned to them.
 */
export interface AccessFacts {
  projectRoles: ReadonlySet<ProjectRole>;
  /** The resource's study is assigned to the user in the resource's project. */
  assigned: boolean;
  /** The resource's study is one the user may see (a study of one of their projects, or a break-glass grant). */
  studyVisible: boolean;
}

/** Allowed, or the reason (shown to the caller, recorded in the ledger; ids only). */
export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.roles.includes(role);
}

const anyOf = (roles: ReadonlySet<ProjectRole>, ...wanted: ProjectRole[]) => wanted.some(r => roles.has(r));

/**
 * The access rules (docs/identity.md has them as a table). Site-wide roles come from the token;
 * project roles need both the token's role and a membership in the project. Pure: the service
 * gathers the facts.
 */
export function decideAccess(user: SessionUser, action: Action, resource: Resource, facts: AccessFacts): Decision {
  const siteAdmin = hasRole(user, 'site-admin');
  const auditor = hasRole(user, 'auditor');
  const { projectRoles } = facts;
  const inProject = resource.projectId !== undefined;
  const notMember = deny(resource.projectId ? `you have no role in project "${resource.projectId}"` : 'you have no role in a project of this study');

  switch (action) {
    case 'events.write':
      return ALLOW; // each event is then authorized on its own (labels.write)
    case 'project.read':
      if (siteAdmin || auditor) return ALLOW;
      if (inProject) return projectRoles.size > 0 ? ALLOW : notMember;
      if (resource.StudyInstanceUID) return facts.studyVisible ? ALLOW : deny('this study is not part of a project you are a member of');
      return ALLOW; // a listing: the service shows only the user's projects
    case 'project.write':
      if (siteAdmin) return ALLOW;
      if (inProject && projectRoles.has('project-admin')) return ALLOW;
      return deny(inProject ? `only a project admin of "${resource.projectId}" or a site admin may change it` : 'only a site admin may create projects');
    case 'schema.write':
    case 'members.write':
    case 'assignments.write':
    case 'members.read':
      if (siteAdmin || projectRoles.has('project-admin')) return ALLOW;
      return deny(`only a project admin of "${resource.projectId ?? '?'}" or a site admin may do this`);
    case 'project-admins.write':
      return siteAdmin ? ALLOW : deny('only a site admin may appoint or remove a project admin');
    case 'assignments.read':
      if (siteAdmin || anyOf(projectRoles, 'project-admin', 'reviewer', 'adjudicator')) return ALLOW;
      return projectRoles.has('labeler') ? ALLOW : notMember; // labelers see their own (the service filters)
    case 'labels.read':
      if (auditor) return ALLOW;
      if (!inProject) return facts.studyVisible ? ALLOW : deny('this study is not part of a project you are a member of');
      if (anyOf(projectRoles, 'reviewer', 'adjudicator', 'project-admin')) return ALLOW;
      if (projectRoles.has('labeler')) return facts.assigned ? ALLOW : deny(`this case of project "${resource.projectId}" is not assigned to you`);
      return notMember;
    case 'labels.write':
      if (!projectRoles.has('labeler')) return deny(`you are not a labeler of project "${resource.projectId ?? '?'}"`);
      return facts.assigned ? ALLOW : deny(`this case of project "${resource.projectId}" is not assigned to you`);
    case 'cases.read':
      if (siteAdmin || projectRoles.size > 0) return ALLOW;
      return notMember;
    case 'report.timing.read':
      if (siteAdmin || auditor) return ALLOW;
      if (inProject && projectRoles.has('project-admin')) return ALLOW;
      return deny(inProject ? `only a project admin of "${resource.projectId}", a site admin or an auditor may read its timing` : 'name a project you are a project admin of (projectId), or be a site admin or auditor');
    case 'users.read':
      return siteAdmin || hasRole(user, 'project-admin') ? ALLOW : deny('only site admins and project admins may list users');
    case 'break-glass.request':
      return auditor ? ALLOW : deny('break-glass is for auditors; others get access through project membership');
    case 'audit.read':
      return auditor || siteAdmin ? ALLOW : deny('only auditors and site admins may read the audit ledger');
  }
}

/** Who may do what through DICOMweb: query (QIDO-RS), retrieve (WADO-RS) and store (STOW-RS). */
export function decideDicomweb(user: SessionUser, kind: 'query' | 'retrieve' | 'store', studyVisible: boolean): Decision {
  const manager = hasRole(user, 'site-admin') || hasRole(user, 'project-admin');
  if (kind === 'store') return manager ? ALLOW : deny('only site admins and project admins may store DICOM instances');
  // An open search is narrowed to the visible studies; a search naming a study is decided like a retrieve.
  if (kind === 'query' && mayQueryEveryStudy(user)) return ALLOW;
  if (studyVisible) return ALLOW;
  if (hasRole(user, 'auditor')) return deny('auditors see no images without break-glass: request it with the study and a reason (POST /api/v1/break-glass)');
  return deny('this study is not part of a project you are a member of');
}

/** Whether the user may query every study (to pick studies for projects), or only the visible ones. */
export function mayQueryEveryStudy(user: SessionUser): boolean {
  return hasRole(user, 'site-admin') || hasRole(user, 'project-admin');
}
