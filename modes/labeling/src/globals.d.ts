/** Package name → built file name of every ReadingRoom plugin built before this one (webpack DefinePlugin). */
declare const __READINGROOM_PLUGIN_FILES__: Record<string, string>;
declare const __READINGROOM_PLUGIN_VERSION__: string;
