import { commandNames, evaluatorNames } from '../id';
import { LABELING_TOOLS, describeTool } from './labelingTools';

/** Tool groups OHIF's basic mode creates; labeling tools are made primary in all of them. */
export const TOOL_GROUP_IDS = ['default', 'mpr', 'SRToolGroup', 'volume3d'];

/**
 * OHIF toolbar buttons for the labeling tools. Each activates its tool through our command
 * (which also readies labelmaps and timing) and shows only when the project's schema allows it.
 * `commandOptions.toolName` lets OHIF's 'evaluate.cornerstoneTool' show the active tool.
 */
export function createLabelingToolbarButtons() {
  return LABELING_TOOLS.map(tool => ({
    id: tool.buttonId,
    uiType: 'ohif.toolButton',
    props: {
      icon: tool.icon,
      label: tool.label,
      tooltip: describeTool(tool),
      commands: {
        commandName: tool.toolName ? commandNames.activateTool : commandNames.classify,
        commandOptions: { ...(tool.toolName ? { toolName: tool.toolName, toolGroupIds: TOOL_GROUP_IDS } : {}), command: tool.command },
      },
      evaluate: [tool.toolName ? 'evaluate.cornerstoneTool' : 'evaluate.action', { name: evaluatorNames.schemaAllows, geometry: tool.geometry }],
    },
  }));
}

/** The labeling mode's toolbar: labeling tools first, then OHIF's viewing tools (none that draws non-labels). */
export const LABELING_TOOLBAR_SECTIONS = {
  primary: [...LABELING_TOOLS.map(t => t.buttonId), 'Zoom', 'Pan', 'WindowLevel', 'Capture', 'Layout', 'Crosshairs', 'MoreTools'],
  MoreTools: ['Reset', 'rotate-right', 'flipHorizontal', 'ImageSliceSync', 'ReferenceLines', 'ImageOverlayViewer', 'StackScroll', 'invert', 'Cine', 'Magnify', 'TagBrowser'],
};
