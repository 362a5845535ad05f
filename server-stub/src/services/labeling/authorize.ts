import type { SessionUser } from '@readingroom/platform-shim';
import { DEVELOPMENT_USER } from '../../identity/identityPlugin.js';
import { HttpError } from '../../plugins/errorHandling.js';

/** What a caller may want to do; role checks (issue 4) decide per action and resource. */
export type Action =
  | 'project.read'
  | 'project.write'
  | 'schema.write'
  | 'labels.read'
  | 'events.write'
  | 'cases.read'
  | 'report.timing.read';

export interface Resource {
  projectId?: string;
  StudyInstanceUID?: string;
}

/** Resolves when `user` may do `action` on `resource`; throws a 403 HttpError otherwise. */
export type Authorize = (user: SessionUser, action: Action, resource?: Resource) => Promise<void>;

/**
 * The one seam for access decisions of the labeling services. Until identity and roles arrive
 * (issue 4), the only identity is the development user, and it may do everything; anyone else
 * is refused rather than silently trusted.
 */
export const authorizeDevelopmentUser: Authorize = async (user, action) => {
  if (user.id === DEVELOPMENT_USER.id) return;
  throw new HttpError(403, 'forbidden', `Not allowed: ${action}`);
};
