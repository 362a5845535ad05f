import type { AttributeDefinition, LabelSchemaDefinition } from '@readingroom/platform-shim';
import { codes } from './codes.js';

const side: AttributeDefinition = {
  kind: 'enum',
  id: 'side',
  label: 'Side',
  code: codes.laterality,
  required: true,
  options: [
    { id: 'right', label: 'Right', code: codes.right },
    { id: 'left', label: 'Left', code: codes.left },
  ],
};

/**
 * Chest radiograph findings: each finding is placed (point), boxed (rectangle) or outlined
 * (freehand) on the PA or lateral view; the study is classified normal or abnormal, or given the
 * explicit "no finding" answer.
 */
export const crChestFindingsSchema: LabelSchemaDefinition = {
  title: 'Chest radiograph findings',
  description:
    'Mark each finding on the PA or lateral view (point, rectangle or freehand outline) with its side, then classify ' +
    'the study as normal or abnormal, or answer "No finding".',
  findingTypes: [
    {
      id: 'nodule',
      label: 'Nodule',
      code: codes.nodule,
      category: codes.morphologicallyAbnormalStructure,
      geometries: ['point', 'rectangle', 'freehand'],
      color: '#f59e0b',
      attributes: [side, { kind: 'number', id: 'diameter', label: 'Diameter', code: codes.diameter, required: false, unit: codes.millimeter, minimum: 0, maximum: 300 }],
    },
    {
      id: 'consolidation',
      label: 'Consolidation',
      code: codes.lungConsolidation,
      category: codes.morphologicallyAbnormalStructure,
      geometries: ['rectangle', 'freehand'],
      color: '#ef4444',
      attributes: [side],
    },
    {
      id: 'pleural-effusion',
      label: 'Pleural effusion',
      code: codes.pleuralEffusion,
      category: codes.morphologicallyAbnormalStructure,
      geometries: ['rectangle', 'freehand'],
      color: '#3b82f6',
      attributes: [side],
    },
    {
      id: 'pneumothorax',
      label: 'Pneumothorax',
      code: codes.pneumothorax,
      category: codes.morphologicallyAbnormalStructure,
      geometries: ['point', 'rectangle', 'freehand'],
      color: '#a855f7',
      attributes: [side],
    },
    {
      id: 'cardiomegaly',
      label: 'Cardiomegaly',
      code: codes.cardiomegaly,
      category: codes.morphologicallyAbnormalStructure,
      geometries: ['rectangle', 'freehand'],
      color: '#10b981',
      attributes: [],
    },
    {
      id: 'impression',
      label: 'Study impression',
      code: codes.finding,
      category: codes.clinicalFinding,
      geometries: ['study-classification'],
      attributes: [
        {
          kind: 'enum',
          id: 'normality',
          label: 'Normal or abnormal',
          required: true,
          options: [
            { id: 'normal', label: 'Normal', code: codes.normal },
            { id: 'abnormal', label: 'Abnormal', code: codes.abnormal },
          ],
        },
      ],
    },
  ],
  noFinding: { label: 'No finding', code: codes.clinicalFindingAbsent },
};
