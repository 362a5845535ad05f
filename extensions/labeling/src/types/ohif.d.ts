// The parts of the OHIF host our code uses. OHIF's npm packages ship no types (UMD bundles),
// so these ambient declarations describe what OHIF 3.13 / 3.14 hand to extensions.
import type { Viewport } from '@cornerstonejs/core';

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
  getDisplaySetByUID(displaySetInstanceUID: string): OhifDisplaySet | undefined;
}

export interface UINotificationService {
  show(notification: { title: string; message: string; type?: 'info' | 'success' | 'warning' | 'error'; duration?: number; autoClose?: boolean }): unknown;
}

export interface ViewportGridService {
  EVENTS: { ACTIVE_VIEWPORT_ID_CHANGED: string; GRID_STATE_CHANGED: string; VIEWPORTS_READY?: string };
  getActiveViewportId(): string | undefined;
  getState(): { activeViewportId?: string; viewports: Map<string, { viewportId: string; displaySetInstanceUIDs?: string[] }> };
  setDisplaySetsForViewport(props: { viewportId: string; displaySetInstanceUIDs: string[] }): void;
  subscribe(event: string, callback: (payload: unknown) => void): Unsubscribe;
}

export interface CornerstoneViewportService {
  getCornerstoneViewport(viewportId: string): Viewport | undefined;
}

export interface ToolGroupService {
  getActiveToolForViewport(viewportId: string): string | undefined;
}

export interface ToolbarService {
  refreshToolbarState(props: { viewportId?: string }): unknown;
}

export interface SegmentationService {
  createLabelmapForDisplaySet(displaySet: OhifDisplaySet, options: { segmentationId: string; label: string; segments?: Record<number, { label: string; active?: boolean }> }): Promise<string>;
  addSegmentationRepresentation(viewportId: string, options: { segmentationId: string; type?: string }): Promise<void>;
  getSegmentation(segmentationId: string): unknown;
  getSegmentationRepresentations(viewportId: string, specifier?: { segmentationId?: string }): Array<{ segmentationId: string }>;
  addSegment(segmentationId: string, config: { segmentIndex?: number; label?: string; active?: boolean; color?: [number, number, number, number] }): void;
  removeSegment(segmentationId: string, segmentIndex: number, options?: { skipRecordingHistory?: boolean }): void;
  setActiveSegment(segmentationId: string, segmentIndex: number): void;
  setActiveSegmentation(viewportId: string, segmentationId: string): void;
  setSegmentLabel(segmentationId: string, segmentIndex: number, label: string): void;
  setSegmentColor(viewportId: string, segmentationId: string, segmentIndex: number, color: [number, number, number, number]): void;
  getNextAvailableSegmentIndex(segmentationId: string): number;
  getViewportIdsWithSegmentation(segmentationId: string): string[];
  jumpToSegmentCenter?(segmentationId: string, segmentIndex: number, viewportId?: string): void;
}

export interface OhifServices {
  displaySetService: DisplaySetService;
  uiNotificationService: UINotificationService;
  viewportGridService: ViewportGridService;
  cornerstoneViewportService: CornerstoneViewportService;
  toolbarService: ToolbarService;
  toolGroupService: ToolGroupService;
  segmentationService: SegmentationService;
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

/** Site settings of the ReadingRoom plugins, under `readingroom` in OHIF's app-config.js. */
export interface ReadingRoomAppConfig {
  hostVersion?: string;
  serverVersion?: string;
  apiBase?: string;
  /** Seconds without input after which per-label timing pauses (default 60). */
  idleTimeoutSeconds?: number;
}

export interface AppConfig {
  peerImport?: (name: string) => Promise<unknown>;
  readingroom?: ReadingRoomAppConfig;
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

/** A toolbar evaluator: decides whether a button is enabled, visible and active. */
export interface ToolbarEvaluatorModule {
  name: string;
  evaluate: (args: Record<string, unknown>) => { disabled?: boolean; visible?: boolean; isActive?: boolean; disabledText?: string } | undefined;
}
