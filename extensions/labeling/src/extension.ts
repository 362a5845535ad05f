import { getCommandsModule } from './commandsModule';
import { getCustomizationModule } from './getCustomizationModule';
import { getToolbarModule } from './getToolbarModule';
import { registerExportSection } from './panels/ExportSection';
import { getPanelModule } from './panels/getPanelModule';
import { mountPickerHost } from './picker/mountPickerHost';
import { createLabelingRuntime, type LabelingRuntime } from './runtime/createLabelingRuntime';
import type { ExtensionParams } from './types/ohif';

// Loaded only after the host bridge resolved React, @ohif/core and cornerstone (see index.ts).
let runtime: LabelingRuntime | undefined;

function getRuntime(): LabelingRuntime {
  if (!runtime) throw new Error('ReadingRoom labeling: used before preRegistration');
  return runtime;
}

export const implementation = {
  preRegistration({ appConfig }: Pick<ExtensionParams, 'appConfig'>) {
    runtime ??= createLabelingRuntime({ settings: appConfig?.readingroom });
    mountPickerHost(runtime);
    registerExportSection(appConfig?.readingroom);
  },
  getPanelModule: (params: ExtensionParams) => getPanelModule(getRuntime(), params),
  getCommandsModule: (params: ExtensionParams) => getCommandsModule(getRuntime(), params),
  getToolbarModule: () => getToolbarModule(getRuntime().store),
  getCustomizationModule,
};
