import { resolveHostModules, type HostContext } from '@readingroom/platform-shim';
import { id } from './id';
import type { ExtensionParams } from './types/ohif';

// This entry imports nothing from the host. preRegistration (awaited by OHIF) resolves the
// host's React, @ohif/core and cornerstone first, and only then loads the implementation,
// which is bundled into this same file (webpackMode "eager") but evaluated later.
type Implementation = (typeof import('./extension'))['implementation'];
let implementation: Implementation | undefined;

const labelingExtension = {
  id,
  async preRegistration(params: ExtensionParams & HostContext) {
    await resolveHostModules(params);
    implementation = (await import(/* webpackMode: "eager" */ './extension')).implementation;
    implementation.preRegistration(params);
  },
  getPanelModule: (params: ExtensionParams) => implementation?.getPanelModule(params) ?? [],
  getCommandsModule: (params: ExtensionParams) => implementation?.getCommandsModule(params),
  getToolbarModule: () => implementation?.getToolbarModule() ?? [],
  getCustomizationModule: () => implementation?.getCustomizationModule() ?? [],
};

export default labelingExtension;
