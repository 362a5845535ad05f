import { createLabelingModeInstance, type BasicModeModule } from './createLabelingModeInstance';
import { LABELING_EXTENSION_ID, id } from './id';

// Built after the extension; webpack writes its content-hashed file name in here.
const extensionUrl = new URL(`./${__READINGROOM_PLUGIN_FILES__[LABELING_EXTENSION_ID]}`, import.meta.url).href;

const labelingMode = {
  id,
  async modeFactory({ loadModules }: { loadModules: (names: string[]) => Promise<unknown[]> }) {
    const [basic] = (await loadModules(['@ohif/mode-basic'])) as [BasicModeModule | undefined];
    return createLabelingModeInstance(basic, extensionUrl);
  },
};

export default labelingMode;
