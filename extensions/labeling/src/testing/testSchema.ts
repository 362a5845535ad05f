import type { LabelSchemaDefinition } from '@readingroom/platform-shim';

const sct = (CodeValue: string, CodeMeaning: string) => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });

/** A small schema for unit tests of the extension (product schemas are served by the server). */
export const nodulesTestSchema: LabelSchemaDefinition = {
  title: 'Lung nodules (test)',
  findingTypes: [
    {
      id: 'nodule',
      label: 'Nodule',
      code: sct('27925004', 'Nodule'),
      category: sct('49755003', 'Morphologically abnormal structure'),
      geometries: ['length', 'ellipse', 'segmentation'],
      color: '#e8a33d',
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
      id: 'mass',
      label: 'Mass',
      code: sct('4147007', 'Mass'),
      category: sct('49755003', 'Morphologically abnormal structure'),
      geometries: ['length', 'point'],
      attributes: [],
    },
    {
      id: 'study-assessment',
      label: 'Study assessment',
      code: sct('386053000', 'Evaluation procedure'),
      category: sct('272379006', 'Event'),
      geometries: ['study-classification'],
      attributes: [],
    },
  ],
  noFinding: { label: 'No nodule', code: sct('373572006', 'Clinical finding absent') },
};
