import type { LabelSnapshot } from '@readingroom/platform-shim';
import { isSameLabel, toSnapshot } from './isSameLabel.js';

const label: LabelSnapshot = {
  labelId: '0190a0b0-0000-7000-8000-000000000001',
  projectId: 'p',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { type: 'solid', size: 3 },
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: '1.2',
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind: 'length', toolName: 'Length', points: [[1.0000001, 2, 3], [4, 5, 6]] },
};

describe('isSameLabel', () => {
  test('points within a micrometre and fields in another order are the same label', () => {
    const read = { ...label, attributes: { size: 3, type: 'solid' }, geometry: { ...label.geometry, points: [[Math.fround(1.0000001), 2, 3], [4, 5, 6.0004]] } } as LabelSnapshot;
    expect(isSameLabel(read, label)).toBe(true);
  });

  test.each([
    ['a point moved', { geometry: { kind: 'length', toolName: 'Length', points: [[1, 2, 3], [4, 5, 6.01]] } }],
    ['a point more', { geometry: { kind: 'length', toolName: 'Length', points: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] } }],
    ['another attribute value', { attributes: { type: 'part-solid', size: 3 } }],
    ['another status', { status: 'submitted' }],
    ['a field more', { text: 'note' }],
  ])('%s is another label', (_what, change) => {
    expect(isSameLabel({ ...label, ...change } as LabelSnapshot, label)).toBe(false);
  });

  test('the stored label minus its server bookkeeping is the snapshot', () => {
    const stored = { ...label, version: 3, contentHash: 'a'.repeat(64), createdBy: 'x', updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'y' };
    expect(toSnapshot(stored)).toEqual(label);
  });
});
