import type { AttributeDefinition, LabelSchemaDefinition } from '@readingroom/platform-shim';
import { codes } from './codes.js';

const lungRadsCategory = (required: boolean): AttributeDefinition => ({
  kind: 'enum',
  id: 'lung-rads',
  label: 'Lung-RADS category',
  code: codes.lungRadsAssessment,
  required,
  options: [
    { id: '1', label: '1 Negative', code: codes.lungRads1 },
    { id: '2', label: '2 Benign appearance', code: codes.lungRads2 },
    { id: '3', label: '3 Probably benign', code: codes.lungRads3 },
    { id: '4a', label: '4A Suspicious', code: codes.lungRads4A },
    { id: '4b', label: '4B Very suspicious', code: codes.lungRads4B },
    { id: '4x', label: '4X Additional features', code: codes.lungRads4X },
  ],
});

/**
 * Screening chest CT, Lung-RADS style: each nodule is measured (length, bidirectional, ellipse)
 * or segmented and described by type, mean diameter, lobe, calcification and category; the study
 * gets one Lung-RADS assessment, or the explicit "no nodule" answer.
 */
export const lungNodulesCtSchema: LabelSchemaDefinition = {
  title: 'Lung nodules on screening CT (Lung-RADS style)',
  description:
    'Mark every pulmonary nodule: measure it (length, bidirectional or ellipse) or segment it, then give its type, ' +
    'mean diameter, lobe and, where you can, its calcification and Lung-RADS category. Finish with one study-level ' +
    'Lung-RADS assessment, or answer "No nodule".',
  findingTypes: [
    {
      id: 'nodule',
      label: 'Nodule',
      code: codes.nodule,
      category: codes.morphologicallyAbnormalStructure,
      geometries: ['length', 'bidirectional', 'ellipse', 'segmentation'],
      color: '#f59e0b',
      attributes: [
        {
          kind: 'enum',
          id: 'type',
          label: 'Type',
          required: true,
          options: [
            { id: 'solid', label: 'Solid', code: codes.solid },
            { id: 'part-solid', label: 'Part-solid', code: codes.partiallySolid },
            { id: 'ground-glass', label: 'Ground-glass', code: codes.nonSolid },
          ],
        },
        { kind: 'number', id: 'mean-diameter', label: 'Mean diameter', code: codes.diameter, required: true, unit: codes.millimeter, minimum: 0, maximum: 300 },
        {
          kind: 'enum',
          id: 'lobe',
          label: 'Lobe',
          required: true,
          options: [
            { id: 'rul', label: 'Right upper lobe', code: codes.upperLobeOfRightLung },
            { id: 'rml', label: 'Right middle lobe', code: codes.middleLobeOfRightLung },
            { id: 'rll', label: 'Right lower lobe', code: codes.lowerLobeOfRightLung },
            { id: 'lul', label: 'Left upper lobe', code: codes.upperLobeOfLeftLung },
            { id: 'lll', label: 'Left lower lobe', code: codes.lowerLobeOfLeftLung },
          ],
        },
        {
          kind: 'enum',
          id: 'calcification',
          label: 'Calcification',
          code: codes.calcification,
          required: false,
          options: [
            { id: 'present', label: 'Present', code: codes.present },
            { id: 'absent', label: 'Absent', code: codes.absent },
          ],
        },
        lungRadsCategory(false),
        { kind: 'text', id: 'comment', label: 'Comment', required: false, maxLength: 256 },
      ],
    },
    {
      id: 'lung-rads-assessment',
      label: 'Lung-RADS assessment',
      code: codes.lungRadsAssessment,
      category: codes.clinicalFinding,
      geometries: ['study-classification'],
      attributes: [lungRadsCategory(true)],
    },
  ],
  noFinding: { label: 'No nodule', code: codes.clinicalFindingAbsent },
};
