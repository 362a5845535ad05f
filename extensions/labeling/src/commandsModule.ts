import { commandNames } from './id';
import type { LabelingCommand } from './keyboard/labelingKeymap';
import type { LabelingRuntime } from './runtime/createLabelingRuntime';
import type { CommandsModule, ExtensionParams } from './types/ohif';

/** Commands the ReadingRoom modes and toolbar run; the work lives in the runtime and its session. */
export function getCommandsModule(runtime: LabelingRuntime, { servicesManager, extensionManager, commandsManager }: ExtensionParams): CommandsModule {
  const actions = {
    [commandNames.startLabelingSession]: (options: Record<string, unknown>) =>
      runtime.startSession({ servicesManager, extensionManager, commandsManager, mode: String(options.mode ?? 'labeling') }),
    [commandNames.stopLabelingSession]: () => runtime.stopSession(),
    [commandNames.activateTool]: ({ toolName, command }: Record<string, unknown>) =>
      runtime.session.get()?.commands.activateTool(String(toolName), command as LabelingCommand),
    [commandNames.classify]: () => runtime.session.get()?.actions.classify(),
  };
  return {
    actions,
    definitions: Object.fromEntries(Object.entries(actions).map(([name, commandFn]) => [name, { commandFn }])),
    defaultContext: 'VIEWER',
  };
}
