import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import {
  createApiClient,
  createAuditEmitter,
  createOutbox,
  forwardAnnotationEvents,
  type ApiClient,
  type EventSender,
} from '@readingroom/platform-shim';
import { createImageLookup } from '../cornerstone/createImageLookup';
import { createLabelRestorer } from '../cornerstone/createLabelRestorer';
import type { ExtensionManager, OhifDisplaySet, ServicesManager, Unsubscribe } from '../types/ohif';
import { createLabelsStore, labelsReducers, type LabelsStore } from './labelsStore';

export interface LabelingRuntime {
  store: LabelsStore;
  sender: EventSender;
  startSession(params: { servicesManager: ServicesManager; extensionManager: ExtensionManager; mode: string }): void;
  stopSession(): Promise<void>;
}

/**
 * Everything the labeling extension keeps for the page: the server client, the event queue,
 * the labels the panel shows. A labeling session runs while the labeling mode is entered.
 */
export function createLabelingRuntime(options: { api?: ApiClient } = {}): LabelingRuntime {
  const api = options.api ?? createApiClient();
  const session = api.getSession();
  // The durable outbox keeps each user's changes in this browser until the server has them; it
  // flushes on its own when the tab is hidden or closed.
  const sender = createOutbox({ api, scope: session.then(s => s.user.id) });
  const audit = createAuditEmitter({ sender });
  const store = createLabelsStore();
  const lookupImage = createImageLookup(cornerstone.metaData);
  let stopCurrent: (() => void) | undefined;

  session.then(
    ({ user, identity }) => store.update(s => labelsReducers.sessionLoaded(s, user, identity)),
    (error: Error) => store.update(s => labelsReducers.sessionFailed(s, `Not signed in: ${error.message}`)),
  );

  function startSession({ servicesManager, extensionManager, mode }: Parameters<LabelingRuntime['startSession']>[0]) {
    stopCurrent?.();
    const { displaySetService, uiNotificationService } = servicesManager.services;
    const notify = (message: string) => {
      store.update(s => labelsReducers.notice(s, message));
      uiNotificationService.show({ title: 'ReadingRoom', message, type: 'warning' });
    };
    const forwarder = forwardAnnotationEvents({
      eventTarget: cornerstone.eventTarget,
      eventNames: {
        completed: cornerstoneTools.Enums.Events.ANNOTATION_COMPLETED,
        modified: cornerstoneTools.Enums.Events.ANNOTATION_MODIFIED,
        removed: cornerstoneTools.Enums.Events.ANNOTATION_REMOVED,
      },
      lookupImage,
      sender,
      onChange: change => store.update(s => labelsReducers.labelChanged(s, change)),
      onProblem: notify,
    });
    const restorer = createLabelRestorer({ displaySetService, extensionManager, lookupImage, forwarder });
    const seenStudies = new Set<string>();

    const onDisplaySets = (displaySets: OhifDisplaySet[]) => {
      for (const StudyInstanceUID of new Set(displaySets.map(ds => ds.StudyInstanceUID))) {
        if (!StudyInstanceUID || seenStudies.has(StudyInstanceUID)) continue;
        seenStudies.add(StudyInstanceUID);
        audit.studyOpened(StudyInstanceUID, mode);
        void loadStudyLabels(StudyInstanceUID);
      }
      restorer.restorePending();
    };

    async function loadStudyLabels(StudyInstanceUID: string) {
      store.update(s => labelsReducers.studyLoading(s, StudyInstanceUID));
      try {
        const labels = await api.listStudyLabels(StudyInstanceUID);
        store.update(s => labelsReducers.studyLoaded(s, StudyInstanceUID, labels));
        restorer.add(labels);
      } catch (error) {
        store.update(s => labelsReducers.studyFailed(s, StudyInstanceUID, `Could not load saved labels: ${(error as Error).message}`));
      }
    }

    const subscription: Unsubscribe = displaySetService.subscribe(displaySetService.EVENTS.DISPLAY_SETS_ADDED, ({ displaySetsAdded }) =>
      onDisplaySets(displaySetsAdded ?? []),
    );
    onDisplaySets(displaySetService.getActiveDisplaySets());

    stopCurrent = () => {
      subscription.unsubscribe();
      forwarder.stop();
      audit.reset();
      store.update(labelsReducers.reset);
      stopCurrent = undefined;
    };
  }

  return {
    store,
    sender,
    startSession,
    async stopSession() {
      // Stop listening before the host clears its annotations on mode exit: those removals
      // are housekeeping, not a user deleting labels.
      stopCurrent?.();
      await sender.flush();
    },
  };
}
