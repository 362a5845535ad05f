import packageJson from '../package.json';

export const id: string = packageJson.name;
export const routeName = 'labeling';
export const displayName = 'ReadingRoom Labeling';

export const LABELING_EXTENSION_ID = '@readingroom/extension-labeling';
export const LABELS_PANEL = `${LABELING_EXTENSION_ID}.panelModule.labels`;
export const START_SESSION = 'readingroom.startLabelingSession';
export const STOP_SESSION = 'readingroom.stopLabelingSession';
