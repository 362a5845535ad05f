import type { ApiClient, LabelSnapshot } from '@readingroom/platform-shim';
import { labelsReducers, selectProjectLabels, type LabelsStore } from './labelsStore';

/**
 * Learns what a study is labeled for (its projects, each with the schema new labels are made
 * with) and loads its saved labels: the store keeps those of every project. A link may name the
 * project to label for (`&projectId=`). Resolves with the active project's labels, the ones to
 * draw, or [] when loading failed (the store then says why).
 */
export async function loadCase(api: ApiClient, store: LabelsStore, StudyInstanceUID: string, preferredProjectId?: string): Promise<LabelSnapshot[]> {
  store.update(s => labelsReducers.caseOpened(s, StudyInstanceUID));
  store.update(s => labelsReducers.studyLoading(s, StudyInstanceUID));
  const [projects, labels] = await Promise.allSettled([api.listStudyProjects(StudyInstanceUID), api.listStudyLabels(StudyInstanceUID)]);
  if (projects.status === 'fulfilled') store.update(s => labelsReducers.projectsLoaded(s, projects.value, preferredProjectId));
  else store.update(s => labelsReducers.projectsFailed(s, `Could not load the study's projects: ${messageOf(projects.reason)}`));
  if (labels.status === 'rejected') {
    store.update(s => labelsReducers.studyFailed(s, StudyInstanceUID, `Could not load saved labels: ${messageOf(labels.reason)}`));
    return [];
  }
  store.update(s => labelsReducers.studyLoaded(s, StudyInstanceUID, labels.value));
  return selectProjectLabels(store.getState()).map(entry => entry.snapshot);
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
