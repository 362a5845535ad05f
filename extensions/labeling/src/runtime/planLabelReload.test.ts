import type { LabelSnapshot } from '@readingroom/platform-shim';
import { planLabelReload } from './planLabelReload';

const length = (labelId: string, x = 1, extra: Partial<LabelSnapshot> = {}): LabelSnapshot => ({
  labelId,
  projectId: 'lung',
  schemaVersion: 1,
  findingTypeId: 'nodule',
  attributes: { margin: 'smooth' },
  status: 'draft',
  scope: 'image',
  StudyInstanceUID: '1.2',
  SeriesInstanceUID: '1.2.3',
  SOPInstanceUID: '1.2.3.4',
  geometry: { kind: 'length', toolName: 'Length', points: [[x, 2, 3], [4, 5, 6]] },
  ...extra,
});

const ids = (labels: LabelSnapshot[]) => labels.map(l => l.labelId);

describe('planLabelReload', () => {
  it('leaves labels that are the same on the server alone, whatever the order of their keys', () => {
    const shown = length('a');
    const reordered = Object.fromEntries(Object.entries(shown).reverse()) as LabelSnapshot;
    expect(planLabelReload([shown], [reordered])).toEqual({ erase: [], draw: [] });
  });

  it('draws labels the viewer does not show yet', () => {
    const plan = planLabelReload([length('a')], [length('a'), length('b')]);
    expect(ids(plan.erase)).toEqual([]);
    expect(ids(plan.draw)).toEqual(['b']);
  });

  it('erases and redraws a label changed on the server, and erases one the server no longer has', () => {
    const plan = planLabelReload([length('a'), length('b'), length('c')], [length('a', 1.5), length('b', 1, { attributes: { margin: 'spiculated' } })]);
    expect(ids(plan.erase)).toEqual(['a', 'b', 'c']);
    expect(plan.draw).toEqual([length('a', 1.5), length('b', 1, { attributes: { margin: 'spiculated' } })]);
  });

  it('does not count statistics the viewer computes again as a change', () => {
    const measured = length('a', 1, { measurements: [{ name: 'length', value: 4.2, unit: 'mm' }] });
    expect(planLabelReload([measured], [length('a')])).toEqual({ erase: [], draw: [] });
  });
});
