import { createUuidV7, type LabelLedger, type LabelSnapshot } from '@readingroom/platform-shim';
import { isAnnotationLabel, type AnnotationDrawings } from '../cornerstone/createAnnotationDrawings';
import type { ViewerAccess } from '../cornerstone/createViewerAccess';
import { isSegmentationLabel, type SegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';
import type { PickerController } from '../picker/createPickerController';
import type { PickerSubject } from '../schema/listPickerOptions';
import type { ActiveTimer } from '../timing/createActiveTimer';
import { labelsReducers, type LabelsStore } from './labelsStore';

/** What the labels panel, the picker and the shortcuts can do to labels. */
export interface LabelActions {
  classify(anchor?: { x: number; y: number }): boolean;
  editLabel(labelId: string, anchor?: { x: number; y: number }): boolean;
  deleteLabel(labelId: string): void;
  /** Brings back the label deleted last, while that is offered; false when there is nothing to undo. */
  undoDelete(): boolean;
  showLabel(labelId: string): Promise<boolean>;
  selectLabel(labelId: string | undefined): void;
}

export function subjectOf(label: LabelSnapshot): PickerSubject {
  const { geometry } = label;
  if (geometry.kind === 'classification') return { kind: 'classification' };
  return { kind: 'drawn', geometryKind: geometry.kind };
}

export function createLabelActions(deps: {
  store: LabelsStore;
  ledger: LabelLedger;
  picker: PickerController;
  timer: ActiveTimer;
  viewer: ViewerAccess;
  annotations: AnnotationDrawings;
  segmentations: SegmentationDrawings;
  redraw: (label: LabelSnapshot) => void;
}): LabelActions {
  const { store, ledger, picker, timer, viewer } = deps;

  return {
    classify(anchor) {
      const StudyInstanceUID = store.getState().studyUid;
      if (!StudyInstanceUID) return false;
      const SeriesInstanceUID = viewer.activeViewport()?.displaySet?.SeriesInstanceUID;
      const opened = picker.open(
        { mode: 'create', labelId: createUuidV7(), subject: { kind: 'classification' }, ...(anchor ? { anchor } : {}) },
        { kind: 'classification', StudyInstanceUID, ...(SeriesInstanceUID ? { SeriesInstanceUID } : {}) },
      );
      // Choosing a classification is working on that label: its time goes to it once named.
      if (opened) timer.setTarget({ kind: 'drawing' });
      return opened;
    },
    editLabel(labelId, anchor) {
      const label = ledger.get(labelId);
      if (!label) return false;
      const opened = picker.open(
        { mode: 'edit', labelId, subject: subjectOf(label), initial: { findingTypeId: label.findingTypeId, attributes: label.attributes }, ...(anchor ? { anchor } : {}) },
        { kind: 'edit', label },
      );
      if (opened) timer.setTarget({ kind: 'label', labelId, findingTypeId: label.findingTypeId });
      return opened;
    },
    deleteLabel(labelId) {
      const label = ledger.get(labelId);
      if (!label) return;
      picker.forget(labelId);
      if (isAnnotationLabel(label)) deps.annotations.erase(labelId);
      else if (isSegmentationLabel(label)) deps.segmentations.erase(labelId);
      // Annotations report their own removal; anything not drawn (classification, a series not loaded) is removed here.
      if (ledger.has(labelId)) ledger.remove(labelId);
    },
    undoDelete() {
      const undo = store.getState().undo;
      if (!undo || undo.until < Date.now() || ledger.has(undo.snapshot.labelId)) return false;
      ledger.create(undo.snapshot);
      deps.redraw(undo.snapshot);
      store.update(s => labelsReducers.labelSelected(s, undo.snapshot.labelId));
      return true;
    },
    async showLabel(labelId) {
      const label = ledger.get(labelId);
      store.update(s => labelsReducers.labelSelected(s, labelId));
      if (!label) return false;
      if (isAnnotationLabel(label)) return deps.annotations.show(label);
      if (isSegmentationLabel(label)) return deps.segmentations.show(label);
      return true;
    },
    selectLabel(labelId) {
      store.update(s => labelsReducers.labelSelected(s, labelId));
    },
  };
}
