import type { ApiClient, EventSender, LabelLedger, LabelSnapshot } from '@readingroom/platform-shim';
import { eraseDrawings, type DrawingsToErase } from './eraseDrawings';
import { labelsReducers, snapshotOf, type LabelsStore } from './labelsStore';
import { planLabelReload } from './planLabelReload';

/**
 * Shows the server's labels of the open case again, without reopening it (e.g. after labels were
 * loaded from DICOM): changed and removed labels are taken off the images, new and changed ones
 * drawn, the panel lists the server's copies. The store keeps every project's labels; only the
 * active project's are drawn and known to the ledger. Pending changes reach the server first; if
 * they cannot, nothing is reloaded (they would be hidden while still on their way).
 */
export function createLabelReloader(
  deps: DrawingsToErase & {
    api: Pick<ApiClient, 'listStudyLabels'>;
    sender: Pick<EventSender, 'flush' | 'getStatus'>;
    store: LabelsStore;
    ledger: LabelLedger;
    /** Draws labels (now or once their series loads), each known to the ledger first. */
    restore: (labels: LabelSnapshot[]) => Promise<void>;
    flushEdits: () => void;
  },
): () => Promise<void> {
  const { store, ledger } = deps;
  return async function reloadLabels() {
    const studyUid = store.getState().studyUid;
    if (!studyUid) return;
    deps.flushEdits();
    await deps.sender.flush();
    const { pending, message } = deps.sender.getStatus();
    if (pending > 0) throw new Error(`the labels are not shown again while changes are not saved (${message ?? `${pending} waiting`})`);
    const labels = await deps.api.listStudyLabels(studyUid);

    // The project chosen now (it may have changed while the labels were on their way).
    const { labels: entries, activeProjectId } = store.getState();
    const drawn = (label: LabelSnapshot) => label.StudyInstanceUID === studyUid && label.projectId === activeProjectId;
    const shown = entries.map(e => e.snapshot).filter(drawn);
    const elsewhere = entries.filter(e => !drawn(e.snapshot)).flatMap(e => ledger.get(e.snapshot.labelId) ?? []);
    const toDraw = labels.map(snapshotOf).filter(drawn);
    const plan = planLabelReload(shown, toDraw);
    // Forget the known labels first, so taking a drawing away is not sent as a deletion; the
    // server's labels become known again as they are restored, other labels known at once.
    ledger.clear();
    elsewhere.forEach(label => ledger.markKnown(label));
    eraseDrawings(plan.erase, deps);
    store.update(s => labelsReducers.studyReloaded(s, studyUid, labels));
    await deps.restore(toDraw);
  };
}
