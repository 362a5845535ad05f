import type { TransactionalStoreSet } from '../../stores/labeling/createLabelingStores.js';
import type { CaseSubmissionRecord, LabelState } from '../../stores/labeling/labelRecords.js';
import { submissionKey, type LabelChange, type PlanInput } from './planLabelChanges.js';

/**
 * What the label rules need for these changes: the states of the labels they name (from
 * `loaded`, read before for these labels and maybe more), every label of each submitting
 * labeler's case, and the known submissions of the cases involved (unless `loadedSubmissions`
 * holds them: read before, of these cases and maybe more).
 */
export async function loadPlanInput(
  tx: TransactionalStoreSet,
  changes: readonly LabelChange[],
  recordedAt: string,
  loaded: readonly LabelState[],
  loadedSubmissions?: readonly CaseSubmissionRecord[],
): Promise<PlanInput> {
  const states = new Map<string, LabelState>();
  const wanted = new Set(changes.flatMap(c => ('snapshot' in c ? [c.snapshot.labelId] : 'removal' in c ? [c.removal.labelId] : [])));
  for (const state of loaded) if (wanted.has(state.labelId)) states.set(state.labelId, state);

  const cases = new Map<string, { projectId: string; StudyInstanceUID: string; userId: string }>();
  const addCase = (projectId: string, StudyInstanceUID: string, userId: string) => cases.set(submissionKey(projectId, StudyInstanceUID, userId), { projectId, StudyInstanceUID, userId });
  for (const change of changes) {
    if ('submission' in change) {
      const { projectId, StudyInstanceUID } = change.submission;
      addCase(projectId, StudyInstanceUID, change.author);
      for (const state of await tx.labels.loadCaseStates(projectId, StudyInstanceUID, change.author)) if (!states.has(state.labelId)) states.set(state.labelId, state);
    } else if ('snapshot' in change) {
      addCase(change.snapshot.projectId, change.snapshot.StudyInstanceUID, states.get(change.snapshot.labelId)?.createdBy ?? change.author);
    }
  }
  const submissions = new Map<string, CaseSubmissionRecord>();
  for (const found of loadedSubmissions ?? (await tx.cases.findSubmissions([...cases.values()]))) {
    const key = submissionKey(found.projectId, found.StudyInstanceUID, found.userId);
    if (cases.has(key)) submissions.set(key, found);
  }
  return { states, submissions, recordedAt };
}
