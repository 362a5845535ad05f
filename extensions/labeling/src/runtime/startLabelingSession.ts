import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import {
  createAuditEmitter,
  createLabelLedger,
  createUuidV7,
  forwardAnnotationEvents,
  forwardSegmentationEvents,
  type ApiClient,
  type EventSender,
} from '@readingroom/platform-shim';
import { createAnnotationDrawings } from '../cornerstone/createAnnotationDrawings';
import { createImageLookup } from '../cornerstone/createImageLookup';
import { createViewerAccess } from '../cornerstone/createViewerAccess';
import { createSegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';
import { bindLabelingKeys } from '../keyboard/bindLabelingKeys';
import { createPickerController, type OpenPicker } from '../picker/createPickerController';
import { createActiveTimer, type TimingTarget } from '../timing/createActiveTimer';
import { createTimingReporter } from '../timing/reportActiveTime';
import { trackActivity } from '../timing/trackActivity';
import { DRAWING_TOOL_NAMES } from '../toolbar/labelingTools';
import type { CommandsManager, ExtensionManager, OhifDisplaySet, ServicesManager } from '../types/ohif';
import { createLabelActions, type LabelActions } from './createLabelActions';
import { createLabelReloader } from './createLabelReloader';
import { createPickerEffects, describeLabel } from './createPickerEffects';
import { createProjectSwitcher } from './createProjectSwitcher';
import { createRestoreQueue } from './createRestoreQueue';
import type { ValueStore } from './createValueStore';
import { labelsReducers, selectActiveSchema, type LabelsStore } from './labelsStore';
import { loadCase } from './loadCase';
import { readDisplayedSeries } from './readDisplayedSeries';
import { createSessionCommands, type SessionCommands } from './createSessionCommands';
import { trackPointer } from './trackPointer';

/** `&projectId=` of the viewer link: which of the study's projects to label for. */
function projectIdFromLink(): string | undefined {
  return new URLSearchParams(window.location.search).get('projectId') ?? undefined;
}

export interface SessionDeps {
  api: ApiClient;
  sender: EventSender;
  store: LabelsStore;
  picker: ValueStore<OpenPicker | undefined>;
  servicesManager: ServicesManager;
  extensionManager: ExtensionManager;
  commandsManager: CommandsManager;
  mode: string;
  idleMs: number;
  undoMs: number;
}

export interface LabelingSession {
  actions: LabelActions;
  commands: SessionCommands;
  picker: ReturnType<typeof createPickerController>;
  /** Makes another of the study's projects the one labeled for, and shows its labels instead. */
  chooseProject(projectId: string): void;
  /** Where the active viewport is, for returning focus after the picker. */
  viewportElement(): HTMLElement | undefined;
  stop(): void;
}

/**
 * One labeling session: from entering the labeling mode on a case to leaving it. Wires
 * Cornerstone3D events to label events (through the platform shim), the picker, restoring saved
 * labels, per-label timing and the keyboard.
 */
export function startLabelingSession(deps: SessionDeps): LabelingSession {
  const { store, sender, servicesManager } = deps;
  const { displaySetService, uiNotificationService, viewportGridService } = servicesManager.services;
  const lookupImage = createImageLookup(cornerstone.metaData);
  const viewer = createViewerAccess(deps);
  const annotations = createAnnotationDrawings(viewer, lookupImage);
  const segmentations = createSegmentationDrawings({ servicesManager, viewer, lookupImage });
  const audit = createAuditEmitter({ sender });
  const pointer = trackPointer();
  const notify = (message: string) => {
    store.update(s => labelsReducers.notice(s, message));
    uiNotificationService.show({ title: 'ReadingRoom', message, type: 'warning' });
  };
  const getSchema = () => selectActiveSchema(store.getState());

  // Timing: one target at a time; drawing from the activation of a labeling tool.
  let baseTarget: TimingTarget = { kind: 'case' };
  const timer = createActiveTimer({
    now: Date.now,
    idleMs: deps.idleMs,
    emit: createTimingReporter(sender, () => {
      const { studyUid, activeProjectId } = store.getState();
      return studyUid ? { StudyInstanceUID: studyUid, ...(activeProjectId ? { projectId: activeProjectId } : {}) } : undefined;
    }),
  });
  const onToolActivated = (event: Event) => {
    const { toolName, toolBindingsOptions } = (event as CustomEvent<{ toolName: string; toolBindingsOptions?: { bindings?: Array<{ mouseButton?: number }> } }>).detail;
    const primary = toolBindingsOptions?.bindings?.some(b => b.mouseButton === cornerstoneTools.Enums.MouseBindings.Primary) ?? true;
    if (!primary) return;
    baseTarget = DRAWING_TOOL_NAMES.has(toolName) ? { kind: 'drawing' } : { kind: 'case' };
    if (timer.getTarget().kind !== 'label' && !deps.picker.get()) timer.setTarget(baseTarget);
  };

  const ledger = createLabelLedger({
    sender,
    onChange: change => store.update(s => labelsReducers.labelChanged(s, change, Date.now(), deps.undoMs)),
    onRefused: (event, error) => {
      notify(`Not saved: ${error.message}.`);
      // A label the browser could not keep is taken away again rather than shown as saved.
      if (event.type !== 'label.created') return;
      const label = event.payload;
      store.update(s => labelsReducers.labelRefused(s, label.labelId));
      if (label.geometry.kind === 'segmentation') segmentations.erase(label.labelId);
      else annotations.erase(label.labelId);
    },
  });
  const picker = createPickerController(
    deps.picker,
    createPickerEffects({ store, ledger, sender, forwarder: () => forwarder, annotations, segmentations, timer, getSchema, baseTarget: () => baseTarget }),
  );
  // Edits settling in the forwarders are not with the sender yet: the status counts them as waiting.
  const unsent = { annotations: 0, segmentations: 0 };
  const reportUnsent = () => store.update(s => labelsReducers.unsentEditsChanged(s, unsent.annotations + unsent.segmentations));
  const forwarder = forwardAnnotationEvents({
    eventTarget: cornerstone.eventTarget,
    eventNames: {
      completed: cornerstoneTools.Enums.Events.ANNOTATION_COMPLETED,
      modified: cornerstoneTools.Enums.Events.ANNOTATION_MODIFIED,
      removed: cornerstoneTools.Enums.Events.ANNOTATION_REMOVED,
      rendered: cornerstoneTools.Enums.Events.ANNOTATION_RENDERED,
    },
    // ANNOTATION_RENDERED is fired on each viewport element and does not bubble: capture it on the document.
    renderTarget: document,
    currentAnnotation: labelId => cornerstoneTools.annotation.state.getAnnotation(labelId),
    onPendingChange: count => {
      unsent.annotations = count;
      reportUnsent();
    },
    lookupImage,
    ledger,
    onDraft: shape => {
      const anchor = pointer.last();
      const opened = picker.open({ mode: 'create', labelId: shape.labelId, subject: { kind: 'drawn', geometryKind: shape.geometry.kind as 'length' }, ...(anchor ? { anchor } : {}) }, { kind: 'annotation' });
      if (opened) return;
      forwarder.discard(shape.labelId);
      annotations.erase(shape.labelId);
      notify('This study has no label schema to label with, so the drawing was removed.');
    },
    onDraftRemoved: labelId => picker.forget(labelId),
    onProblem: notify,
  });
  const segmentsInPicker = new Set<string>();
  const segmentationForwarder = forwardSegmentationEvents({
    eventTarget: cornerstone.eventTarget,
    eventName: cornerstoneTools.Enums.Events.SEGMENTATION_DATA_MODIFIED,
    ledger,
    onPendingChange: count => {
      unsent.segmentations = count;
      reportUnsent();
    },
    readSegments: segmentationId => (segmentations.isOurs(segmentationId) ? segmentations.readSegments(segmentationId) : []),
    onUnlabeledSegment: ({ segmentationId, segmentIndex }) => {
      const key = `${segmentationId}#${segmentIndex}`;
      if (segmentsInPicker.has(key)) return;
      const labelId = createUuidV7();
      const readShape = () => segmentations.readSegments(segmentationId).find(r => r.segmentIndex === segmentIndex)!.shape!;
      const anchor = pointer.last();
      if (picker.open({ mode: 'create', labelId, subject: { kind: 'drawn', geometryKind: 'segmentation' }, ...(anchor ? { anchor } : {}) }, { kind: 'segment', segmentationId, segmentIndex, readShape })) {
        segmentsInPicker.add(key);
        const unsubscribe = deps.picker.subscribe(() => {
          if (picker.isOpenFor(labelId)) return;
          segmentsInPicker.delete(key);
          unsubscribe();
        });
      }
    },
    onProblem: notify,
  });
  const restorer = createRestoreQueue({ ledger, annotations, segmentations, describe: label => describeLabel(getSchema(), label), onProblem: notify, renderAll: viewer.renderAll });
  const actions = createLabelActions({ store, ledger, picker, timer, viewer, annotations, segmentations, redraw: label => void restorer.redraw(label) });
  const flushEdits = () => (forwarder.flush(), segmentationForwarder.flush());
  const reloadLabels = createLabelReloader({ api: deps.api, sender, store, ledger, picker, annotations, segmentations, restore: labels => restorer.add(labels), flushEdits });
  const commands = createSessionCommands({ ...deps, viewer, segmentations, actions, timer, flushEdits, reloadLabels });
  const chooseProject = createProjectSwitcher({ store, ledger, picker, pickerOpen: () => Boolean(deps.picker.get()), annotations, segmentations, stopRestoring: () => restorer.clear(), restore: labels => restorer.add(labels), flushEdits });

  // Audit: each series a viewport shows, once per session (the emitter keeps track).
  const reportDisplayedSeries = () => audit.seriesDisplayed(readDisplayedSeries(viewportGridService, displaySetService), deps.mode);
  const seenStudies = new Set<string>();
  const onDisplaySets = (displaySets: OhifDisplaySet[]) => {
    for (const StudyInstanceUID of new Set(displaySets.map(ds => ds.StudyInstanceUID))) {
      if (!StudyInstanceUID || seenStudies.has(StudyInstanceUID)) continue;
      seenStudies.add(StudyInstanceUID);
      audit.studyOpened(StudyInstanceUID, deps.mode);
      // The first study is the case; priors opened alongside are for reading only.
      if (seenStudies.size === 1) void loadCase(deps.api, store, StudyInstanceUID, projectIdFromLink()).then(labels => restorer.add(labels));
    }
    reportDisplayedSeries();
    void restorer.retry();
  };
  // The toolbar shows the tools the active schema allows: re-evaluate it when that schema changes.
  let shownSchema = getSchema();
  const unsubscribeSchema = store.subscribe(() => {
    const schema = getSchema();
    if (schema === shownSchema) return;
    shownSchema = schema;
    servicesManager.services.toolbarService.refreshToolbarState({ viewportId: viewer.activeViewport()?.viewportId });
  });
  const subscriptions = [
    displaySetService.subscribe(displaySetService.EVENTS.DISPLAY_SETS_ADDED, ({ displaySetsAdded }) => onDisplaySets(displaySetsAdded ?? [])),
    viewportGridService.subscribe(viewportGridService.EVENTS.GRID_STATE_CHANGED, () => {
      reportDisplayedSeries();
      void restorer.retry();
    }),
  ];
  onDisplaySets(displaySetService.getActiveDisplaySets());
  cornerstone.eventTarget.addEventListener(cornerstoneTools.Enums.Events.TOOL_ACTIVATED, onToolActivated);
  const stopTracking = trackActivity(timer);
  const stopKeys = bindLabelingKeys(command => commands.run(command));

  return {
    actions,
    commands,
    picker,
    chooseProject,
    viewportElement: () => viewer.activeViewport()?.viewport?.element,
    stop() {
      subscriptions.forEach(s => s.unsubscribe());
      unsubscribeSchema();
      cornerstone.eventTarget.removeEventListener(cornerstoneTools.Enums.Events.TOOL_ACTIVATED, onToolActivated);
      forwarder.flush();
      segmentationForwarder.flush();
      forwarder.stop();
      segmentationForwarder.stop();
      timer.stop();
      stopTracking();
      stopKeys();
      pointer.stop();
      deps.picker.set(undefined);
      restorer.clear();
      ledger.clear();
      segmentations.forgetAll();
      audit.reset();
    },
  };
}
