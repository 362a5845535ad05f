import { createPluginConfig } from '@readingroom/platform-shim/webpack';

export default createPluginConfig({ packageDir: import.meta.dirname });
