import type { ApiClient, EventSender } from '@readingroom/platform-shim';
import { createUuidV7 } from '@readingroom/platform-shim';
import type { ViewerAccess } from '../cornerstone/createViewerAccess';
import type { SegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';
import type { LabelingCommand } from '../keyboard/labelingKeymap';
import type { ActiveTimer } from '../timing/createActiveTimer';
import { LABELING_TOOLS } from '../toolbar/labelingTools';
import { TOOL_GROUP_IDS } from '../toolbar/labelingToolbarButtons';
import type { CommandsManager, ServicesManager } from '../types/ohif';
import type { LabelActions } from './createLabelActions';
import { labelsReducers, selectActiveSchema, type LabelsStore } from './labelsStore';

export interface SessionCommands {
  /** Runs a toolbar button's or shortcut's command; false when it does not apply now. */
  run(command: LabelingCommand): boolean;
  activateTool(toolName: string, command: LabelingCommand): Promise<void>;
  submitCase(): Promise<void>;
  /** Shows the server's labels of the case again (after labels were loaded from DICOM). */
  reloadLabels(): Promise<void>;
}

/** Toolbar and keyboard commands of a labeling session, and submitting the case. */
export function createSessionCommands(deps: {
  api: ApiClient;
  sender: EventSender;
  store: LabelsStore;
  servicesManager: ServicesManager;
  commandsManager: CommandsManager;
  viewer: ViewerAccess;
  segmentations: SegmentationDrawings;
  actions: LabelActions;
  timer: ActiveTimer;
  flushEdits: () => void;
  reloadLabels: () => Promise<void>;
}): SessionCommands {
  const { store, viewer } = deps;
  const { toolGroupService, toolbarService } = deps.servicesManager.services;

  async function activateTool(toolName: string, command: LabelingCommand) {
    if (command.kind === 'tool' && command.geometry === 'segmentation' || command.kind === 'eraser' || command.kind === 'threshold') {
      // Pressing the brush again while it is active starts a new segment (a new label).
      const viewportId = viewer.activeViewport()?.viewportId;
      const startNew = command.kind !== 'eraser' && viewportId !== undefined && toolGroupService.getActiveToolForViewport(viewportId) === toolName;
      const problem = await deps.segmentations.prepareBrush(startNew);
      if (problem) {
        store.update(s => labelsReducers.notice(s, `Cannot paint: ${problem}.`));
        return;
      }
    }
    deps.commandsManager.runCommand('setToolActiveToolbar', { toolName, toolGroupIds: TOOL_GROUP_IDS });
    toolbarService.refreshToolbarState({ viewportId: viewer.activeViewport()?.viewportId });
  }

  async function submitCase() {
    const { studyUid, activeProjectId, submission } = store.getState();
    if (!studyUid || !activeProjectId || submission.state === 'submitting') return;
    store.update(s => labelsReducers.submissionChanged(s, { state: 'submitting' }));
    try {
      deps.flushEdits();
      await deps.sender.send({
        eventId: createUuidV7(),
        type: 'case.submitted',
        occurredAt: new Date().toISOString(),
        payload: { projectId: activeProjectId, StudyInstanceUID: studyUid },
      });
      await deps.sender.flush();
      const status = deps.sender.getStatus();
      if (status.pending > 0) throw new Error(status.message ?? 'the server has not confirmed every change yet');
      const next = await deps.api.getNextCase(activeProjectId, studyUid);
      store.update(s => labelsReducers.submissionChanged(s, { state: 'submitted', nextStudyUid: next?.StudyInstanceUID ?? null }));
      if (next) {
        const query = new URLSearchParams({ StudyInstanceUIDs: next.StudyInstanceUID, projectId: activeProjectId });
        deps.commandsManager.runCommand('navigateHistory', { to: `${window.location.pathname}?${query}` });
      }
    } catch (error) {
      store.update(s => labelsReducers.submissionChanged(s, { state: 'failed', message: `Not submitted: ${(error as Error).message}` }));
    }
  }

  const toolFor = (command: LabelingCommand) => LABELING_TOOLS.find(t => JSON.stringify(t.command) === JSON.stringify(command));

  return {
    activateTool,
    submitCase,
    reloadLabels: deps.reloadLabels,
    run(command) {
      switch (command.kind) {
        case 'tool':
        case 'eraser':
        case 'threshold': {
          const tool = toolFor(command);
          if (!tool?.toolName || !isAllowed(store, tool.geometry)) return false;
          void activateTool(tool.toolName, command);
          return true;
        }
        case 'classify':
          return deps.actions.classify();
        case 'undoDelete':
          return deps.actions.undoDelete();
        case 'focusLabels': {
          const list = document.querySelector<HTMLElement>('[data-rr-label-list] [tabindex="0"], [data-rr-label-list]');
          list?.focus();
          return Boolean(list);
        }
        case 'submit':
          void submitCase();
          return true;
      }
    },
  };
}

function isAllowed(store: LabelsStore, geometry: string): boolean {
  const schema = selectActiveSchema(store.getState())?.definition;
  return Boolean(schema?.findingTypes.some(f => (f.geometries as string[]).includes(geometry)));
}

