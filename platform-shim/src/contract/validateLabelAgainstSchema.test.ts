import type { LabelSnapshot } from './labels';
import { nodulesTestSchema } from './testSchemas';
import { checkAttributeValue, geometryKindOf, validateLabelAgainstSchema } from './validateLabelAgainstSchema';

const base: LabelSnapshot = {
  labelId: '0192f0c8-0000-7000-8000-000000000001',
  projectId: 'lung',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { composition: 'solid', diameter: 8.5 },
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: '1.2.1',
  SeriesInstanceUID: '1.2.2',
  SOPInstanceUID: '1.2.3',
  geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [8.5, 0, 0]] },
};
const label = (overrides: Partial<LabelSnapshot>): LabelSnapshot => ({ ...base, ...overrides }) as LabelSnapshot;

describe('validateLabelAgainstSchema', () => {
  it('accepts a nodule length with its attributes', () => {
    expect(validateLabelAgainstSchema(base, nodulesTestSchema)).toEqual([]);
  });

  it('accepts a study-level "no finding"', () => {
    const noFinding = label({ findingTypeId: 'no-finding', attributes: {}, scope: 'study', SeriesInstanceUID: undefined, SOPInstanceUID: undefined, geometry: { kind: 'classification' } });
    expect(validateLabelAgainstSchema(noFinding, nodulesTestSchema)).toEqual([]);
  });

  it.each<[string, Partial<LabelSnapshot>, string]>([
    ['an unknown finding type', { findingTypeId: 'mass' }, '/findingTypeId: "mass" is not a finding type'],
    ['a geometry the type does not allow', { geometry: { kind: 'rectangle', toolName: 'RectangleROI', points: [[0, 0, 0]] } }, '/geometry: Nodule cannot be a rectangle'],
    ['a missing required attribute', { attributes: { diameter: 3 } }, '/attributes/composition: Composition is required'],
    ['an unknown option', { attributes: { composition: 'glass' } }, 'Composition must be one of Solid, Part solid'],
    ['an out-of-range number', { attributes: { composition: 'solid', diameter: 400 } }, 'Diameter must be at most 100 mm'],
    ['text that is too long', { attributes: { composition: 'solid', comment: 'x'.repeat(21) } }, 'Comment must be at most 20 characters'],
    ['an attribute of another type', { attributes: { composition: 'solid', lobe: 'rul' } }, '/attributes/lobe: not an attribute of Nodule'],
    ['an image label without its instance', { SOPInstanceUID: undefined }, '/SOPInstanceUID: an image label names its series and instance'],
    ['a segmentation at image scope', { geometry: { kind: 'segmentation', segmentNumber: 1, Rows: 2, Columns: 2, frames: [] } }, '/scope: a segmentation is a series-level label'],
    ['a study classification naming a series', { findingTypeId: 'study-assessment', attributes: {}, scope: 'study', SOPInstanceUID: undefined, geometry: { kind: 'classification' } }, '/SeriesInstanceUID: a study label names no series'],
    ['no finding with attributes', { findingTypeId: 'no-finding', scope: 'study', SeriesInstanceUID: undefined, SOPInstanceUID: undefined, geometry: { kind: 'classification' } }, '"no finding" has no attributes'],
  ])('rejects %s', (_name, overrides, expected) => {
    expect(validateLabelAgainstSchema(label(overrides), nodulesTestSchema).join('\n')).toContain(expected);
  });

  it('maps classifications to their scope', () => {
    expect(geometryKindOf({ scope: 'series', geometry: { kind: 'classification' } })).toBe('series-classification');
    expect(geometryKindOf({ scope: 'study', geometry: { kind: 'classification' } })).toBe('study-classification');
    expect(geometryKindOf({ scope: 'image', geometry: { kind: 'classification' } })).toBeUndefined();
  });

  it('checks one attribute value for the picker', () => {
    const composition = nodulesTestSchema.findingTypes[0]!.attributes[0]!;
    expect(checkAttributeValue(composition, 'solid')).toBeUndefined();
    expect(checkAttributeValue(composition, 3)).toContain('must be one of');
  });
});
