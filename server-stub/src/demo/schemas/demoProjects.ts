import type { LabelSchemaDefinition } from '@readingroom/platform-shim';
import type { DemoStudyKey } from '../demoTypes.js';
import { crChestFindingsSchema } from './crChestFindingsSchema.js';
import { lungNodulesCtSchema } from './lungNodulesCtSchema.js';

export interface DemoProject {
  projectId: string;
  title: string;
  description: string;
  schema: LabelSchemaDefinition;
  /** The demo studies this project labels. */
  studies: readonly DemoStudyKey[];
}

/** The projects seeded on first start, each with its schema (version 1) and its demo studies. */
export const demoProjects: readonly DemoProject[] = [
  {
    projectId: 'lung-nodules-ct',
    title: 'Lung nodules (demo)',
    description: 'Lung-RADS style nodule labeling on the synthetic screening chest CT and its prior.',
    schema: lungNodulesCtSchema,
    studies: ['ct-chest', 'ct-chest-prior'],
  },
  {
    projectId: 'cr-chest-findings',
    title: 'Chest radiograph findings (demo)',
    description: 'Common findings on the synthetic PA and lateral chest radiographs.',
    schema: crChestFindingsSchema,
    studies: ['cr-chest'],
  },
];
