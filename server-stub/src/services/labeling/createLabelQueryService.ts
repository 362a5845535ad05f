import type { Label, LabelVersion, SessionUser } from '@readingroom/platform-shim';
import type { LabelingStores } from '../../stores/labeling/createLabelingStores.js';
import { isInScope, UNRESTRICTED, type AccessScopes, type Authorize } from './authorize.js';

export interface LabelQueryService {
  listStudyLabels(user: SessionUser, StudyInstanceUID: string, projectId?: string): Promise<Label[]>;
  /** The label's history, or null when the server has no version of it. */
  listVersions(user: SessionUser, labelId: string): Promise<LabelVersion[] | null>;
  listStudyVersions(user: SessionUser, StudyInstanceUID: string): Promise<LabelVersion[]>;
}

/** Current labels and their immutable history: what the viewer restores and auditors read. */
export function createLabelQueryService(deps: { stores: LabelingStores; authorize: Authorize; scopes?: AccessScopes }): LabelQueryService {
  const { stores, authorize } = deps;
  const scopes = deps.scopes ?? UNRESTRICTED;
  return {
    async listStudyLabels(user, StudyInstanceUID, projectId) {
      await authorize(user, 'labels.read', { StudyInstanceUID, ...(projectId ? { projectId } : {}) });
      const readable = await scopes.projectsFor(user, 'labels.read', StudyInstanceUID);
      return (await stores.labels.listStudyLabels(StudyInstanceUID, projectId)).filter(l => isInScope(readable, l.projectId));
    },
    async listVersions(user, labelId) {
      const versions = await stores.labels.listVersions(labelId);
      // Asked once the label's project and study are known (a missing label is a 404 for anyone).
      if (versions.length > 0) await authorize(user, 'labels.read', { projectId: versions[0]!.snapshot.projectId, StudyInstanceUID: versions[0]!.snapshot.StudyInstanceUID });
      return versions.length > 0 ? versions : null;
    },
    async listStudyVersions(user, StudyInstanceUID) {
      await authorize(user, 'labels.read', { StudyInstanceUID });
      const readable = await scopes.projectsFor(user, 'labels.read', StudyInstanceUID);
      return (await stores.labels.listStudyVersions(StudyInstanceUID)).filter(v => isInScope(readable, v.snapshot.projectId));
    },
  };
}
