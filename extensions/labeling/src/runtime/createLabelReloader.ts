import type { ApiClient, EventSender, LabelLedger, LabelSnapshot } from '@readingroom/platform-shim';
import type { AnnotationDrawings } from '../cornerstone/createAnnotationDrawings';
import type { SegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';
import type { PickerController } from '../picker/createPickerController';
import { labelsReducers, snapshotOf, type LabelsStore } from './labelsStore';
import { planLabelReload } from './planLabelReload';

/**
 * Shows the server's labels of the open case again, without reopening it (e.g. after labels were
 * loaded from DICOM): changed and removed labels are taken off the images, new and changed ones
 * drawn, the panel lists the server's copies. Pending changes reach the server first; if they
 * cannot, nothing is reloaded (they would be hidden while still on their way).
 */
export function createLabelReloader(deps: {
  api: Pick<ApiClient, 'listStudyLabels'>;
  sender: Pick<EventSender, 'flush' | 'getStatus'>;
  store: LabelsStore;
  ledger: LabelLedger;
  picker: Pick<PickerController, 'forget'>;
  annotations: Pick<AnnotationDrawings, 'erase'>;
  segmentations: Pick<SegmentationDrawings, 'erase'>;
  /** Draws labels (now or once their series loads), each known to the ledger first. */
  restore: (labels: LabelSnapshot[]) => Promise<void>;
  flushEdits: () => void;
}): () => Promise<void> {
  const { store, ledger } = deps;
  return async function reloadLabels() {
    const studyUid = store.getState().studyUid;
    if (!studyUid) return;
    deps.flushEdits();
    await deps.sender.flush();
    const { pending, message } = deps.sender.getStatus();
    if (pending > 0) throw new Error(`the labels are not shown again while changes are not saved (${message ?? `${pending} waiting`})`);
    const labels = await deps.api.listStudyLabels(studyUid);

    const entries = store.getState().labels;
    const shown = entries.filter(e => e.snapshot.StudyInstanceUID === studyUid).map(e => e.snapshot);
    const elsewhere = entries.filter(e => e.snapshot.StudyInstanceUID !== studyUid).flatMap(e => ledger.get(e.snapshot.labelId) ?? []);
    const plan = planLabelReload(shown, labels.map(snapshotOf));
    // Forget the known labels first, so taking a drawing away is not sent as a deletion; the
    // server's labels become known again as they are restored, labels of other studies at once.
    ledger.clear();
    elsewhere.forEach(label => ledger.markKnown(label));
    for (const label of plan.erase) {
      deps.picker.forget(label.labelId);
      const { kind } = label.geometry;
      if (kind === 'segmentation') deps.segmentations.erase(label.labelId);
      else if (kind !== 'classification') deps.annotations.erase(label.labelId);
    }
    store.update(s => labelsReducers.studyReloaded(s, studyUid, labels));
    await deps.restore(labels);
  };
}
