import { composeLabelingToolbar } from './labelingComposition';

describe('composeLabelingToolbar', () => {
  it("adds the labeling packs after the basic mode's, so our sections win and OHIF's buttons stay defined", () => {
    const base = {
      toolbarButtons: [{ $reference: 'cornerstone.toolbarButtons' }],
      toolbarSections: [{ $reference: 'cornerstone.toolbarSections' }],
      toolGroupAdditions: { default: [], mpr: [], SRToolGroup: [], volume3d: [] },
    };
    expect(composeLabelingToolbar(base)).toEqual({
      toolbarButtons: [{ $reference: 'cornerstone.toolbarButtons' }, { $reference: 'readingroom.labelingToolbarButtons' }],
      toolbarSections: [{ $reference: 'cornerstone.toolbarSections' }, { $reference: 'readingroom.labelingToolbarSections' }],
      toolGroupAdditions: {
        default: [{ $reference: 'readingroom.labelingToolGroupAdditions' }],
        mpr: [{ $reference: 'readingroom.labelingToolGroupAdditions' }],
        SRToolGroup: [],
        volume3d: [],
      },
    });
  });

  it('copes with a basic mode that composes nothing', () => {
    expect(composeLabelingToolbar({}).toolGroupAdditions).toEqual({
      default: [{ $reference: 'readingroom.labelingToolGroupAdditions' }],
      mpr: [{ $reference: 'readingroom.labelingToolGroupAdditions' }],
    });
  });
});
