import { describeSyncStatus, termsOf, type AnnotationForwarder, type EventSender, type LabelLedger, type LabelSchema, type LabelSnapshot } from '@readingroom/platform-shim';
import type { AnnotationDrawings } from '../cornerstone/createAnnotationDrawings';
import type { SegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';
import type { PickerEffects, PickerSubjectSource } from '../picker/createPickerController';
import type { ActiveTimer, TimingTarget } from '../timing/createActiveTimer';
import { labelsReducers, type LabelsStore } from './labelsStore';

/** Finding type title and colour of a label, as its schema names them. */
export function describeLabel(schema: LabelSchema | undefined, label: Pick<LabelSnapshot, 'findingTypeId'>) {
  const findingType = schema?.definition.findingTypes.find(f => f.id === label.findingTypeId);
  return { title: findingType?.label ?? schema?.definition.noFinding?.label ?? label.findingTypeId, color: findingType?.color };
}

/** What the label picker's answers do in a labeling session. */
export function createPickerEffects(deps: {
  store: LabelsStore;
  ledger: LabelLedger;
  sender: Pick<EventSender, 'canAccept' | 'getStatus'>;
  forwarder: () => AnnotationForwarder;
  annotations: AnnotationDrawings;
  segmentations: SegmentationDrawings;
  timer: ActiveTimer;
  getSchema: () => LabelSchema | undefined;
  /** The target time goes to when no label is being worked on (drawing while a labeling tool is active). */
  baseTarget: () => TimingTarget;
}): PickerEffects {
  const { ledger, timer } = deps;
  const named = (snapshot: LabelSnapshot) => {
    timer.resolveDrawing(snapshot.labelId, snapshot.findingTypeId);
    deps.store.update(s => labelsReducers.labelSelected(s, snapshot.labelId));
  };
  return {
    getSchema: deps.getSchema,
    whyNotSaving: () => (deps.sender.canAccept() ? undefined : describeSyncStatus(deps.sender.getStatus())),
    draftShape: labelId => deps.forwarder().draftShape(labelId),
    create(snapshot, source: PickerSubjectSource) {
      if (source.kind === 'annotation') {
        if (!deps.forwarder().accept(snapshot.labelId, termsOf(snapshot))) return false;
      } else {
        if (source.kind === 'segment') {
          const { title, color } = describeLabel(deps.getSchema(), snapshot);
          deps.segmentations.nameSegment(source, snapshot.labelId, title, color);
        }
        ledger.create(snapshot);
      }
      named(snapshot);
      return true;
    },
    update(snapshot, source) {
      ledger.update(snapshot);
      if (source.kind === 'edit' && snapshot.geometry.kind === 'segmentation') {
        const { title, color } = describeLabel(deps.getSchema(), snapshot);
        deps.segmentations.rename(snapshot.labelId, title, color);
      }
    },
    discard(labelId, source) {
      if (source.kind === 'annotation') {
        deps.forwarder().discard(labelId);
        deps.annotations.erase(labelId);
      } else if (source.kind === 'segment') {
        deps.segmentations.discardSegment(source);
      }
      timer.abandonDrawing();
    },
    onClosed(request) {
      if (request.mode === 'edit' || request.subject.kind === 'classification') timer.setTarget(deps.baseTarget());
    },
  };
}
