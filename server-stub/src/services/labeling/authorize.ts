import type { SessionUser } from '@readingroom/platform-shim';
import { DEVELOPMENT_USER } from '../../identity/identityPlugin.js';
import { HttpError } from '../../plugins/errorHandling.js';

/** What a caller may want to do; services/access/decideAccess.ts decides per action and resource. */
export type Action =
  | 'project.read'
  | 'project.write'
  | 'schema.write'
  | 'labels.read'
  | 'labels.write'
  | 'events.write'
  | 'cases.read'
  | 'report.timing.read'
  | 'members.read'
  | 'members.write'
  | 'project-admins.write'
  | 'assignments.read'
  | 'assignments.write'
  | 'users.read'
  | 'break-glass.request'
  | 'audit.read';

export interface Resource {
  projectId?: string;
  StudyInstanceUID?: string;
}

/** Resolves when `user` may do `action` on `resource`; throws a 403 HttpError otherwise. */
export type Authorize = (user: SessionUser, action: Action, resource?: Resource) => Promise<void>;

/**
 * Which projects (or studies) a listing may show the user: every one, or these. Services ask it
 * where a listing, not a yes/no, is the answer; the default shows everything.
 */
export type Scope = 'all' | ReadonlySet<string>;

export interface AccessScopes {
  /** The projects whose data for `action` the user may see. */
  projectsFor(user: SessionUser, action: 'project.read' | 'labels.read', StudyInstanceUID?: string): Promise<Scope>;
  /** The studies of a project whose cases the user works on (a labeler: those assigned to them). */
  casesFor(user: SessionUser, projectId: string): Promise<Scope>;
}

export const UNRESTRICTED: AccessScopes = { projectsFor: async () => 'all', casesFor: async () => 'all' };

export function isInScope(scope: Scope, id: string): boolean {
  return scope === 'all' || scope.has(id);
}

/**
 * The access seam of the labeling services when no access service is wired (unit tests of the
 * services): only the development user, who may do everything; anyone else is refused rather
 * than silently trusted. The server wires services/access (roles, membership, assignment).
 */
export const authorizeDevelopmentUser: Authorize = async (user, action) => {
  if (user.id === DEVELOPMENT_USER.id) return;
  throw new HttpError(403, 'forbidden', `Not allowed: ${action}`);
};
