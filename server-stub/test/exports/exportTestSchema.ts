import type { CodedConcept, LabelSchemaDefinition } from '@readingroom/platform-shim';

const sct = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });
const radlex = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'RADLEX', CodeMeaning });

/**
 * A schema that exercises every path of the exports: each geometry kind, enum attributes with
 * and without a concept code, a number with a UCUM unit, text, an attribute whose code is also a
 * measurement concept (Diameter), classifications and the explicit "no finding".
 */
export const exportTestSchema: LabelSchemaDefinition = {
  title: 'Export test schema',
  findingTypes: [
    {
      id: 'nodule',
      label: 'Nodule',
      code: sct('27925004', 'Nodule'),
      category: sct('49755003', 'Morphologically abnormal structure'),
      geometries: ['point', 'length', 'bidirectional', 'ellipse', 'rectangle', 'freehand', 'segmentation'],
      attributes: [
        {
          kind: 'enum',
          id: 'type',
          label: 'Type',
          required: true,
          options: [
            { id: 'solid', label: 'Solid', code: radlex('RID5741', 'solid') },
            { id: 'part-solid', label: 'Part-solid', code: radlex('RID46011', 'partially solid') },
          ],
        },
        { kind: 'number', id: 'mean-diameter', label: 'Mean diameter', code: sct('81827009', 'Diameter'), required: false, unit: { CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter' } },
        {
          kind: 'enum',
          id: 'calcification',
          label: 'Calcification',
          code: radlex('RID5196', 'calcification'),
          required: false,
          options: [
            { id: 'present', label: 'Present', code: sct('52101004', 'Present') },
            { id: 'absent', label: 'Absent', code: sct('2667000', 'Absent') },
          ],
        },
        { kind: 'text', id: 'comment', label: 'Comment', required: false, maxLength: 256 },
      ],
    },
    {
      id: 'vessel',
      label: 'Vessel',
      code: sct('59820001', 'Blood vessel'),
      category: sct('91723000', 'Anatomical structure'),
      geometries: ['segmentation', 'length', 'freehand'],
      attributes: [],
    },
    {
      id: 'emphysema',
      label: 'Emphysema',
      code: sct('87433001', 'Pulmonary emphysema'),
      category: sct('404684003', 'Clinical finding'),
      geometries: ['series-classification', 'study-classification'],
      attributes: [
        {
          kind: 'enum',
          id: 'severity',
          label: 'Severity',
          code: sct('246112005', 'Severity'),
          required: true,
          options: [
            { id: 'mild', label: 'Mild', code: sct('255604002', 'Mild') },
            { id: 'severe', label: 'Severe', code: sct('24484000', 'Severe') },
          ],
        },
      ],
    },
  ],
  noFinding: { label: 'No finding', code: sct('373572006', 'Clinical finding absent') },
};
