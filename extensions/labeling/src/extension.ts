import { createApiClient } from '@readingroom/platform-shim';
import { getCommandsModule } from './commandsModule';
import { getPanelModule } from './panels/getPanelModule';
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
    runtime ??= createLabelingRuntime({ api: createApiClient({ apiBase: appConfig?.readingroom?.apiBase }) });
  },
  getPanelModule: () => getPanelModule(getRuntime()),
  getCommandsModule: (params: ExtensionParams) => getCommandsModule(getRuntime(), params),
};
