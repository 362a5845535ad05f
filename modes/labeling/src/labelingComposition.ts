/** Customization packs the labeling extension registers (see its getCustomizationModule). */
const packs = {
  toolbarButtons: 'readingroom.labelingToolbarButtons',
  toolbarSections: 'readingroom.labelingToolbarSections',
  toolGroupAdditions: 'readingroom.labelingToolGroupAdditions',
} as const;

type Composition = { toolbarButtons?: unknown[]; toolbarSections?: unknown[]; toolGroupAdditions?: Record<string, unknown[]> };

/**
 * The labeling mode's toolbar and tool groups, composed on top of OHIF's basic mode by
 * reference: the labeling tools the project's schema allows (the extension hides the others),
 * OHIF's viewing tools, and the labelmap tools (brush, eraser, threshold) in every tool group
 * that draws on images.
 */
export function composeLabelingToolbar(base: Composition): Required<Composition> {
  const additions = base.toolGroupAdditions ?? {};
  const withBrushes = (toolGroupId: string) => [...(additions[toolGroupId] ?? []), { $reference: packs.toolGroupAdditions }];
  return {
    toolbarButtons: [...(base.toolbarButtons ?? []), { $reference: packs.toolbarButtons }],
    // Later sections win per key: our `primary` and `MoreTools` replace the basic mode's.
    toolbarSections: [...(base.toolbarSections ?? []), { $reference: packs.toolbarSections }],
    toolGroupAdditions: { ...additions, default: withBrushes('default'), mpr: withBrushes('mpr') },
  };
}

