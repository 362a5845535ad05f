import packageJson from '../package.json';

/** The extension id is its package name; OHIF module ids are built from it. */
export const id: string = packageJson.name;

export const LABELS_PANEL_ID = `${id}.panelModule.labels`;

export const commandNames = {
  startLabelingSession: 'readingroom.startLabelingSession',
  stopLabelingSession: 'readingroom.stopLabelingSession',
} as const;
