import { LABELS_PANEL, START_SESSION, STOP_SESSION, displayName, id, routeName } from './id';
import { composeLabelingToolbar } from './labelingComposition';

/** The shape of OHIF's @ohif/mode-basic default export that we build on. */
export interface BasicModeModule {
  modeInstance: ModeInstance;
}

export interface ModeRoute {
  path: string;
  layoutInstance: { id: string; props: { rightPanels?: string[]; rightPanelClosed?: boolean; [key: string]: unknown } };
  [key: string]: unknown;
}

export interface ModeInstance {
  id: string;
  routeName: string;
  displayName: string;
  hide?: boolean;
  routes: ModeRoute[];
  extensions: Record<string, string>;
  onModeEnter?: (this: ModeInstance, params: ModeLifecycleParams) => void;
  onModeExit?: (this: ModeInstance, params: ModeLifecycleParams) => void;
  [key: string]: unknown;
}

export interface ModeLifecycleParams {
  commandsManager: { runCommand(name: string, options?: Record<string, unknown>): unknown };
  [key: string]: unknown;
}

export class IncompatibleHostError extends Error {
  override name = 'IncompatibleHostError';
}

/**
 * The labeler's mode: OHIF's own basic viewer (its viewing tools and hanging protocols, which
 * radiologists already know) with the labeling tools the project's schema allows in the toolbar,
 * the ReadingRoom labels panel open on the right, and a labeling session running while the mode
 * is entered.
 */
export function createLabelingModeInstance(basic: BasicModeModule | undefined, extensionUrl: string): ModeInstance {
  const base = basic?.modeInstance;
  const baseRoute = base?.routes?.[0];
  if (!base || !baseRoute?.layoutInstance?.props || typeof base.extensions !== 'object') {
    throw new IncompatibleHostError(
      `${displayName} needs @ohif/mode-basic with a modeInstance, routes and a layout; this OHIF host's differs.`,
    );
  }
  const baseProps = baseRoute.layoutInstance.props;
  const baseEnter = base.onModeEnter;
  const baseExit = base.onModeExit;

  return {
    ...base,
    id,
    routeName,
    displayName,
    hide: false,
    routes: [
      {
        ...baseRoute,
        path: routeName,
        layoutInstance: {
          ...baseRoute.layoutInstance,
          props: {
            ...baseProps,
            rightPanels: [LABELS_PANEL, ...(baseProps.rightPanels ?? [])],
            rightPanelClosed: false,
          },
        },
      },
    ],
    ...composeLabelingToolbar(base as Parameters<typeof composeLabelingToolbar>[0]),
    // The extension is listed by URL: OHIF import()s each key it does not know by name.
    extensions: { ...base.extensions, [extensionUrl]: '^0.1.0' },
    onModeEnter(params) {
      baseEnter?.call(this, params);
      // After the base mode cleared the previous mode's measurements, so those removals are not sent.
      params.commandsManager.runCommand(START_SESSION, { mode: routeName });
    },
    onModeExit(params) {
      // Before the base mode tears down tools and clears annotations.
      params.commandsManager.runCommand(STOP_SESSION);
      baseExit?.call(this, params);
    },
  };
}
