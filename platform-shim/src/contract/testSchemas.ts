import type { LabelSchemaDefinition } from './labelSchema.js';

/** A small schema for tests of the contract (not a product schema; those are served by the server). */
export const nodulesTestSchema: LabelSchemaDefinition = {
  title: 'Lung nodules (test)',
  findingTypes: [
    {
      id: 'nodule',
      label: 'Nodule',
      code: { CodeValue: '27925004', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Nodule' },
      category: { CodeValue: '49755003', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Morphologically abnormal structure' },
      geometries: ['length', 'ellipse', 'segmentation'],
      attributes: [
        {
          kind: 'enum',
          id: 'composition',
          label: 'Composition',
          required: true,
          options: [
            { id: 'solid', label: 'Solid', code: { CodeValue: 'RID5741', CodingSchemeDesignator: 'RADLEX', CodeMeaning: 'solid' } },
            { id: 'part-solid', label: 'Part solid', code: { CodeValue: 'RID46011', CodingSchemeDesignator: 'RADLEX', CodeMeaning: 'partially solid' } },
          ],
        },
        { kind: 'number', id: 'diameter', label: 'Diameter', required: false, unit: { CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter' }, minimum: 0, maximum: 100 },
        { kind: 'text', id: 'comment', label: 'Comment', required: false, maxLength: 20 },
      ],
    },
    {
      id: 'study-assessment',
      label: 'Study assessment',
      code: { CodeValue: '386053000', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Evaluation procedure' },
      category: { CodeValue: '272379006', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Event' },
      geometries: ['study-classification'],
      attributes: [],
    },
  ],
  noFinding: { label: 'No nodule', code: { CodeValue: '373572006', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Clinical finding absent' } },
};
