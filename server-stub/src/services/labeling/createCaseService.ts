import type { Case, CaseStatus, SessionUser } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { CaseRow } from '../../stores/labeling/createCaseStore.js';
import type { LabelingStores } from '../../stores/labeling/createLabelingStores.js';
import { isInScope, UNRESTRICTED, type AccessScopes, type Authorize } from './authorize.js';

export interface CaseService {
  /** The caller's cases of a project, in the order the project's studies were added. */
  listCases(user: SessionUser, projectId: string): Promise<Case[]>;
  /** The first case not yet submitted after `after` (wrapping around), or null when none is left. */
  nextCase(user: SessionUser, projectId: string, after?: string): Promise<Case | null>;
}

/**
 * A case is a study of a project as one labeler stands with it: submitted once they submitted it
 * and no draft of theirs is left in it, in progress while they have labels in it, else not started.
 */
export function caseStatusOf(row: CaseRow): CaseStatus {
  if (row.submittedAt !== null && row.draftCount === 0) return 'submitted';
  return row.labelCount > 0 || row.submittedAt !== null ? 'in-progress' : 'not-started';
}

export function createCaseService(deps: { stores: LabelingStores; authorize: Authorize; scopes?: AccessScopes }): CaseService {
  const { stores, authorize } = deps;
  const scopes = deps.scopes ?? UNRESTRICTED;
  const listCases = async (user: SessionUser, projectId: string): Promise<Case[]> => {
    await authorize(user, 'cases.read', { projectId });
    if (!(await stores.projects.getProject(projectId))) throw new HttpError(404, 'not_found', `No project "${projectId}"`);
    // A labeler's cases are the studies assigned to them.
    const assigned = await scopes.casesFor(user, projectId);
    return (await stores.cases.listCases(projectId, user.id)).filter(row => isInScope(assigned, row.StudyInstanceUID)).map(row => ({
      projectId,
      StudyInstanceUID: row.StudyInstanceUID,
      status: caseStatusOf(row),
      labelCount: row.labelCount,
      ...(row.submittedAt !== null && caseStatusOf(row) === 'submitted' ? { submittedAt: row.submittedAt } : {}),
    }));
  };
  return {
    listCases,
    async nextCase(user, projectId, after) {
      const cases = await listCases(user, projectId);
      const start = after === undefined ? -1 : cases.findIndex(c => c.StudyInstanceUID === after);
      const ordered = [...cases.slice(start + 1), ...cases.slice(0, Math.max(start, 0))];
      return ordered.find(c => c.status !== 'submitted' && c.StudyInstanceUID !== after) ?? null;
    },
  };
}
