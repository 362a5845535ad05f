import type { LabelSnapshot } from '@readingroom/platform-shim';
import { nodulesTestSchema as schema } from '../testing/testSchema';
import { formatAttributes, formatGeometry, groupLabels } from './groupLabels';
import type { LabelEntry } from './labelsStore';

const label = (labelId: string, findingTypeId: string, extra: Partial<LabelSnapshot> = {}): LabelSnapshot => ({
  labelId,
  projectId: 'lung',
  schemaVersion: 1,
  findingTypeId,
  attributes: {},
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: '1.2',
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [1, 0, 0]] },
  ...extra,
});
const entry = (snapshot: LabelSnapshot): LabelEntry => ({ snapshot, origin: 'local' });

describe('groupLabels', () => {
  it('groups by finding type in schema order, unknown types last, "no finding" titled as the schema says', () => {
    const groups = groupLabels(
      [label('a', 'retired-type'), label('b', 'mass'), label('c', 'nodule'), label('d', 'no-finding'), label('e', 'nodule')].map(entry),
      schema,
    );
    expect(groups.map(g => [g.title, g.entries.map(e => e.snapshot.labelId)])).toEqual([
      ['Nodule', ['c', 'e']],
      ['Mass', ['b']],
      ['No nodule', ['d']],
      ['retired-type', ['a']],
    ]);
    expect(groups[0]!.color).toBe('#e8a33d');
  });
});

describe('formatting a label for the panel', () => {
  it('names attribute values as the schema does, with units', () => {
    const snapshot = label('a', 'nodule', { attributes: { composition: 'part-solid', diameter: 6, comment: 'upper lobe' } });
    expect(formatAttributes(snapshot, schema)).toBe('Part solid · Diameter 6 mm · Comment: upper lobe');
  });

  it('shows the geometry with the measurements a reader expects', () => {
    expect(formatGeometry(label('a', 'mass', { measurements: [{ name: 'length', value: 12.345, unit: 'mm' }] }))).toBe('Length 12.3 mm');
    expect(
      formatGeometry(
        label('a', 'nodule', {
          geometry: { kind: 'ellipse', toolName: 'EllipticalROI', points: [[0, 0, 0]] },
          measurements: [{ name: 'area', value: 45.12, unit: 'mm²' }, { name: 'mean', value: -850.4, unit: 'HU' }, { name: 'max', value: 3, unit: 'HU' }],
        }),
      ),
    ).toBe('Ellipse 45.1 mm² · mean -850 HU');
    expect(formatGeometry(label('a', 'study-assessment', { scope: 'study', SeriesInstanceUID: undefined, SOPInstanceUID: undefined, geometry: { kind: 'classification' } }))).toBe('Study');
    expect(formatGeometry(label('a', 'nodule', { scope: 'series', SOPInstanceUID: undefined, geometry: { kind: 'segmentation', segmentNumber: 1, Rows: 1, Columns: 1, frames: [{ SOPInstanceUID: '1.2', mask: 'AAAAAAEAAAA=' }] } }))).toBe('Segmentation 1 slice');
  });
});
