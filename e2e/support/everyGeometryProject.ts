import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

export const EVERY_GEOMETRY_PROJECT = 'e2e-every-geometry';

// Test-only concepts use a private coding scheme ("99" prefix, PS3.16 §8.2); real ones are SNOMED CT.
const test = (CodeValue: string, CodeMeaning: string) => ({ CodeValue, CodingSchemeDesignator: '99RRE2E', CodeMeaning });
const sct = (CodeValue: string, CodeMeaning: string) => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });

/** A schema that allows every geometry kind, with enum, number and text attributes. */
export const everyGeometrySchema = {
  title: 'Every geometry (E2E)',
  findingTypes: [
    {
      id: 'lesion',
      label: 'Lesion',
      code: sct('52988006', 'Lesion'),
      category: sct('49755003', 'Morphologically abnormal structure'),
      geometries: ['point', 'length', 'bidirectional', 'ellipse', 'rectangle', 'freehand', 'segmentation'],
      color: '#e8a33d',
      attributes: [
        { kind: 'enum', id: 'margin', label: 'Margin', required: true, options: [{ id: 'smooth', label: 'Smooth', code: test('M1', 'smooth margin') }, { id: 'spiculated', label: 'Spiculated', code: test('M2', 'spiculated margin') }] },
        { kind: 'number', id: 'size', label: 'Size', required: false, unit: { CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'millimeter' }, minimum: 0, maximum: 100 },
        { kind: 'text', id: 'note', label: 'Note', required: false, maxLength: 64 },
      ],
    },
    {
      id: 'effusion',
      label: 'Pleural effusion',
      code: sct('60046008', 'Pleural effusion'),
      category: sct('49755003', 'Morphologically abnormal structure'),
      geometries: ['series-classification'],
      attributes: [],
    },
    {
      id: 'image-quality',
      label: 'Image quality',
      code: test('Q', 'image quality'),
      category: test('QC', 'quality control'),
      geometries: ['study-classification'],
      attributes: [{ kind: 'enum', id: 'quality', label: 'Quality', required: true, options: [{ id: 'diagnostic', label: 'Diagnostic', code: test('Q1', 'diagnostic') }, { id: 'limited', label: 'Limited', code: test('Q2', 'limited') }] }],
    },
  ],
  noFinding: { label: 'No finding', code: sct('373572006', 'Clinical finding absent') },
};

/** Creates the E2E project through the real API (idempotent apart from a new schema version) and puts the study in it. */
export async function createEveryGeometryProject(request: APIRequestContext, StudyInstanceUID: string) {
  const base = `/api/v1/projects/${EVERY_GEOMETRY_PROJECT}`;
  expect((await request.put(base, { data: { title: 'Every geometry (E2E)' } })).ok()).toBe(true);
  expect((await request.post(`${base}/schemas`, { data: everyGeometrySchema })).status()).toBe(201);
  expect((await request.put(`${base}/studies/${StudyInstanceUID}`)).ok()).toBe(true);
}
