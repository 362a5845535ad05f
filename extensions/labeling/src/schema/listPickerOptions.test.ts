import type { LabelSchemaDefinition } from '@readingroom/platform-shim';
import { filterPickerOptions, listAllowedGeometries, listPickerOptions } from './listPickerOptions';

const code = (CodeMeaning: string) => ({ CodeValue: 'x', CodingSchemeDesignator: 'SCT', CodeMeaning });
const findingType = (id: string, label: string, geometries: LabelSchemaDefinition['findingTypes'][number]['geometries']) => ({
  id,
  label,
  code: code(label),
  category: code('Finding'),
  geometries,
  attributes: [],
});
const schema: LabelSchemaDefinition = {
  title: 'Chest',
  findingTypes: [
    findingType('nodule', 'Nodule', ['length', 'ellipse', 'segmentation']),
    findingType('mass', 'Mass', ['length']),
    findingType('effusion', 'Pleural effusion', ['series-classification']),
    findingType('emphysema', 'Emphysème', ['study-classification']),
  ],
  noFinding: { label: 'No finding', code: code('Clinical finding absent') },
};

describe('listPickerOptions', () => {
  it('offers the finding types that may be drawn as what was drawn, in schema order', () => {
    expect(listPickerOptions(schema, { kind: 'drawn', geometryKind: 'length' }).map(o => o.findingTypeId)).toEqual(['nodule', 'mass']);
    expect(listPickerOptions(schema, { kind: 'drawn', geometryKind: 'rectangle' })).toEqual([]);
  });

  it('offers study-level, then series-level classifications, then "no finding"', () => {
    expect(listPickerOptions(schema, { kind: 'classification' }).map(o => [o.findingTypeId, o.geometryKind])).toEqual([
      ['emphysema', 'study-classification'],
      ['effusion', 'series-classification'],
      ['no-finding', 'study-classification'],
    ]);
  });

  it('lists every geometry kind the schema allows (the toolbar shows these tools only)', () => {
    expect([...listAllowedGeometries(schema)].sort()).toEqual(['ellipse', 'length', 'segmentation', 'series-classification', 'study-classification']);
    expect(listAllowedGeometries(undefined).size).toBe(0);
  });
});

describe('filterPickerOptions', () => {
  const options = listPickerOptions(schema, { kind: 'classification' }).concat(listPickerOptions(schema, { kind: 'drawn', geometryKind: 'length' }));

  it('matches every typed word, ignoring case and accents, label prefixes first', () => {
    expect(filterPickerOptions(options, 'EMPHY').map(o => o.label)).toEqual(['Emphysème']);
    expect(filterPickerOptions(options, 'eff pleu').map(o => o.label)).toEqual(['Pleural effusion']);
    expect(filterPickerOptions(options, 'n').map(o => o.label)).toEqual(['No finding', 'Nodule', 'Pleural effusion']);
  });

  it('matches the coded meaning too (what a radiologist may type instead of the label)', () => {
    expect(filterPickerOptions(options, 'absent').map(o => o.findingTypeId)).toEqual(['no-finding']);
  });

  it('returns everything for blank text', () => {
    expect(filterPickerOptions(options, '  ')).toHaveLength(options.length);
  });
});
