import { getCommandsModule } from './commandsModule';
import { getPanelModule } from './panels/getPanelModule';
import { createLabelingRuntime, type LabelingRuntime } from './runtime/createLabelingRuntime';
import type { ExtensionParams } from './types/ohif';

// Loaded only after the host bridge resolved React, @ohif/core and cornerstone (see index.ts).
let runtime: LabelingRuntime | undefined;

function getRuntime(): LabelingRuntime {
  runtime ??= createLabelingRuntime();
  return runtime;
}

export const implementation = {
  preRegistration() {
    getRuntime();
  },
  getPanelModule: () => getPanelModule(getRuntime()),
  getCommandsModule: (params: ExtensionParams) => getCommandsModule(getRuntime(), params),
};
