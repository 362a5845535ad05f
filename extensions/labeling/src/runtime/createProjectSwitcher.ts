import type { LabelLedger, LabelSnapshot } from '@readingroom/platform-shim';
import type { PickerController } from '../picker/createPickerController';
import { eraseDrawings, type DrawingsToErase } from './eraseDrawings';
import { labelsReducers, selectProjectLabels, type LabelsStore } from './labelsStore';

/**
 * Makes another of the study's projects the one labeled for. The viewer shows (and the ledger
 * knows, for editing) only the active project's labels: the old project's drawings are taken off
 * the images without anything being sent, the new project's labels are drawn. Pending edits are
 * sent first (as changes of the old project's labels); a drawing still waiting for its name is
 * dropped, as cancelling the picker does, so it does not become a label of the other project.
 */
export function createProjectSwitcher(
  deps: DrawingsToErase & {
    store: LabelsStore;
    ledger: LabelLedger;
    picker: Pick<PickerController, 'forget' | 'cancel'>;
    pickerOpen: () => boolean;
    /** Stops drawing labels still waiting for their series to load. */
    stopRestoring: () => void;
    /** Draws labels (now or once their series loads), each known to the ledger first. */
    restore: (labels: LabelSnapshot[]) => Promise<void>;
    flushEdits: () => void;
  },
): (projectId: string) => void {
  const { store, ledger } = deps;
  return function chooseProject(projectId) {
    const before = store.getState();
    if (projectId === before.activeProjectId) return;
    deps.flushEdits();
    while (deps.pickerOpen()) deps.picker.cancel();
    deps.stopRestoring();
    const shown = selectProjectLabels(store.getState()).map(entry => entry.snapshot);
    const shownIds = new Set(shown.map(label => label.labelId));
    // Forget the shown labels first, so taking their drawings away is not sent as deletions.
    const kept = store.getState().labels.flatMap(entry => (shownIds.has(entry.snapshot.labelId) ? [] : (ledger.get(entry.snapshot.labelId) ?? [])));
    ledger.clear();
    kept.forEach(label => ledger.markKnown(label));
    eraseDrawings(shown, deps);
    store.update(s => labelsReducers.projectChosen(s, projectId));
    void deps.restore(selectProjectLabels(store.getState()).map(entry => entry.snapshot));
  };
}
