// The parts of the OHIF host our code uses. OHIF's npm packages ship no types (UMD bundles),
// so these ambient declarations describe what OHIF 3.13 / 3.14 hand to extensions.

export interface Unsubscribe {
  unsubscribe(): void;
}

export interface OhifDisplaySet {
  displaySetInstanceUID: string;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SeriesDescription?: string;
  SeriesNumber?: number | string;
  Modality?: string;
  imageIds?: string[];
}

export interface DisplaySetService {
  EVENTS: { DISPLAY_SETS_ADDED: string; DISPLAY_SETS_REMOVED: string };
  subscribe(event: string, callback: (payload: { displaySetsAdded?: OhifDisplaySet[] }) => void): Unsubscribe;
  getActiveDisplaySets(): OhifDisplaySet[];
  getDisplaySetsForSeries(SeriesInstanceUID: string): OhifDisplaySet[];
}

export interface UINotificationService {
  show(notification: { title: string; message: string; type?: 'info' | 'success' | 'warning' | 'error'; duration?: number; autoClose?: boolean }): unknown;
}

export interface OhifServices {
  displaySetService: DisplaySetService;
  uiNotificationService: UINotificationService;
  [name: string]: unknown;
}

export interface ServicesManager {
  services: OhifServices;
}

export interface OhifDataSource {
  getImageIdsForDisplaySet(displaySet: OhifDisplaySet): string[];
}

export interface ExtensionManager {
  getActiveDataSource(): OhifDataSource[];
  registeredExtensionIds: string[];
}

export interface CommandsManager {
  runCommand(name: string, options?: Record<string, unknown>, context?: string): unknown;
}

export interface AppConfig {
  peerImport?: (name: string) => Promise<unknown>;
  readingroom?: { hostVersion?: string; serverVersion?: string; apiBase?: string };
}

/** What OHIF passes to module getters and lifecycle hooks. */
export interface ExtensionParams {
  servicesManager: ServicesManager;
  commandsManager: CommandsManager;
  extensionManager: ExtensionManager;
  appConfig?: AppConfig;
}

export interface PanelDefinition {
  name: string;
  iconName: string;
  iconLabel: string;
  label: string;
  component: (props: Record<string, unknown>) => unknown;
}

export interface CommandsModule {
  actions: Record<string, (options: Record<string, unknown>) => unknown>;
  definitions: Record<string, { commandFn: (options: Record<string, unknown>) => unknown }>;
  defaultContext: string;
}
