import type { Label, LabelVersion, SessionUser } from '@readingroom/platform-shim';
import type { LabelingStores } from '../../stores/labeling/createLabelingStores.js';
import type { Authorize } from './authorize.js';

export interface LabelQueryService {
  listStudyLabels(user: SessionUser, StudyInstanceUID: string, projectId?: string): Promise<Label[]>;
  /** The label's history, or null when the server has no version of it. */
  listVersions(user: SessionUser, labelId: string): Promise<LabelVersion[] | null>;
  listStudyVersions(user: SessionUser, StudyInstanceUID: string): Promise<LabelVersion[]>;
}

/** Current labels and their immutable history: what the viewer restores and auditors read. */
export function createLabelQueryService(deps: { stores: LabelingStores; authorize: Authorize }): LabelQueryService {
  const { stores, authorize } = deps;
  return {
    async listStudyLabels(user, StudyInstanceUID, projectId) {
      await authorize(user, 'labels.read', { StudyInstanceUID, ...(projectId ? { projectId } : {}) });
      return stores.labels.listStudyLabels(StudyInstanceUID, projectId);
    },
    async listVersions(user, labelId) {
      await authorize(user, 'labels.read');
      const versions = await stores.labels.listVersions(labelId);
      return versions.length > 0 ? versions : null;
    },
    async listStudyVersions(user, StudyInstanceUID) {
      await authorize(user, 'labels.read', { StudyInstanceUID });
      return stores.labels.listStudyVersions(StudyInstanceUID);
    },
  };
}
