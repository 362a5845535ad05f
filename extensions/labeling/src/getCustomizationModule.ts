import { customizationNames } from './id';
import { SEGMENTATION_TOOL_NAMES } from './toolbar/labelingTools';
import { LABELING_TOOLBAR_SECTIONS, createLabelingToolbarButtons } from './toolbar/labelingToolbarButtons';

const brush = (toolName: string, activeStrategy: string, extra: Record<string, unknown> = {}) => ({
  toolName,
  parentTool: 'Brush',
  configuration: { activeStrategy, minRadius: 0.5, maxRadius: 99.5, ...extra },
});

/**
 * Toolbar and tool-group packs the labeling mode composes with `{ $reference }`: our labeling
 * buttons, the toolbar layout, and the labelmap tools (brush, eraser, threshold) OHIF's basic
 * tool groups lack.
 */
export function getCustomizationModule() {
  return [
    {
      name: 'default',
      value: {
        [customizationNames.toolbarButtons]: createLabelingToolbarButtons(),
        [customizationNames.toolbarSections]: LABELING_TOOLBAR_SECTIONS,
        [customizationNames.toolGroupAdditions]: {
          passive: [
            brush(SEGMENTATION_TOOL_NAMES.brush, 'FILL_INSIDE_CIRCLE'),
            brush(SEGMENTATION_TOOL_NAMES.eraser, 'ERASE_INSIDE_CIRCLE'),
            brush(SEGMENTATION_TOOL_NAMES.threshold, 'THRESHOLD_INSIDE_CIRCLE', { threshold: { isDynamic: true, dynamicRadius: 3 } }),
          ],
        },
      },
    },
  ];
}
