import { createApiClient, createOutbox, watchSignOut, type ApiClient, type EventSender } from '@readingroom/platform-shim';
import type { OpenPicker } from '../picker/createPickerController';
import type { CommandsManager, ExtensionManager, ReadingRoomAppConfig, ServicesManager } from '../types/ohif';
import { createValueStore, type ValueStore } from './createValueStore';
import { createLabelsStore, labelsReducers, type LabelsStore } from './labelsStore';
import { startLabelingSession, type LabelingSession } from './startLabelingSession';

/** Seconds: how long a deleted label can be brought back. */
const UNDO_SECONDS = 8;
const DEFAULT_IDLE_SECONDS = 60;

export interface LabelingRuntime {
  store: LabelsStore;
  sender: EventSender;
  picker: ValueStore<OpenPicker | undefined>;
  /** The running labeling session, if the labeling mode is entered. */
  session: ValueStore<LabelingSession | undefined>;
  startSession(params: { servicesManager: ServicesManager; extensionManager: ExtensionManager; commandsManager: CommandsManager; mode: string }): void;
  stopSession(): Promise<void>;
}

/**
 * Everything the labeling extension keeps for the page: the server client, the event queue,
 * the labels and the picker the UI shows. A labeling session runs while the labeling mode is entered.
 */
export function createLabelingRuntime(options: { api?: ApiClient; settings?: ReadingRoomAppConfig } = {}): LabelingRuntime {
  const api = options.api ?? createApiClient({ apiBase: options.settings?.apiBase });
  const signedIn = api.getSession();
  // The durable outbox keeps each user's changes in this browser until the server has them; it
  // flushes on its own when the tab is hidden or closed.
  const sender = createOutbox({ api, scope: signedIn.then(s => s.user.id) });
  const store = createLabelsStore();
  const picker = createValueStore<OpenPicker | undefined>(undefined);
  const session = createValueStore<LabelingSession | undefined>(undefined);
  const idleSeconds = Number(options.settings?.idleTimeoutSeconds ?? DEFAULT_IDLE_SECONDS);
  const idleMs = Number.isFinite(idleSeconds) && idleSeconds > 0 ? idleSeconds * 1000 : DEFAULT_IDLE_SECONDS * 1000;

  signedIn.then(
    current => {
      store.update(s => labelsReducers.sessionLoaded(s, current.user, current.identity));
      // Audit: the server records sign-ins itself; the sign-out is only seen here (user.logout).
      if (current.identity === 'oidc') watchSignOut({ onSignOut: () => void api.reportSignOut({ keepalive: true }).catch(() => undefined) });
    },
    (error: Error) => store.update(s => labelsReducers.sessionFailed(s, `Not signed in: ${error.message}`)),
  );

  return {
    store,
    sender,
    picker,
    session,
    startSession(params) {
      session.get()?.stop();
      store.update(labelsReducers.reset);
      session.set(startLabelingSession({ ...params, api, sender, store, picker, idleMs, undoMs: UNDO_SECONDS * 1000 }));
    },
    async stopSession() {
      // Stop listening before the host clears its annotations on mode exit: those removals
      // are housekeeping, not a user deleting labels.
      session.get()?.stop();
      session.set(undefined);
      store.update(labelsReducers.reset);
      await sender.flush();
    },
  };
}
