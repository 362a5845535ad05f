import { commandNames } from './id';
import type { LabelingRuntime } from './runtime/createLabelingRuntime';
import type { CommandsModule, ExtensionParams } from './types/ohif';

/** Commands the ReadingRoom modes run on enter and exit; the work lives in the runtime. */
export function getCommandsModule(runtime: LabelingRuntime, { servicesManager, extensionManager }: ExtensionParams): CommandsModule {
  const actions = {
    [commandNames.startLabelingSession]: (options: Record<string, unknown>) =>
      runtime.startSession({ servicesManager, extensionManager, mode: String(options.mode ?? 'labeling') }),
    [commandNames.stopLabelingSession]: () => runtime.stopSession(),
  };
  return {
    actions,
    definitions: Object.fromEntries(Object.entries(actions).map(([name, commandFn]) => [name, { commandFn }])),
    defaultContext: 'VIEWER',
  };
}
