import packageJson from '../package.json';

/** The extension id is its package name; OHIF module ids are built from it. */
export const id: string = packageJson.name;

export const LABELS_PANEL_ID = `${id}.panelModule.labels`;

export const commandNames = {
  startLabelingSession: 'readingroom.startLabelingSession',
  stopLabelingSession: 'readingroom.stopLabelingSession',
  activateTool: 'readingroom.activateLabelingTool',
  classify: 'readingroom.classify',
} as const;

export const evaluatorNames = {
  schemaAllows: 'readingroom.evaluate.schemaAllows',
} as const;

/** Customizations the labeling mode references with `{ $reference }`. */
export const customizationNames = {
  toolbarButtons: 'readingroom.labelingToolbarButtons',
  toolbarSections: 'readingroom.labelingToolbarSections',
  toolGroupAdditions: 'readingroom.labelingToolGroupAdditions',
} as const;
