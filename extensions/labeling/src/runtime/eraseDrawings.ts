import type { LabelSnapshot } from '@readingroom/platform-shim';
import type { AnnotationDrawings } from '../cornerstone/createAnnotationDrawings';
import type { SegmentationDrawings } from '../cornerstone/segmentation/createSegmentationDrawings';
import type { PickerController } from '../picker/createPickerController';

export interface DrawingsToErase {
  picker: Pick<PickerController, 'forget'>;
  annotations: Pick<AnnotationDrawings, 'erase'>;
  segmentations: Pick<SegmentationDrawings, 'erase'>;
}

/**
 * Takes labels' drawings off the images (classifications have none). The ledger must have
 * forgotten them first: a removal it knows of is sent as a deletion.
 */
export function eraseDrawings(labels: LabelSnapshot[], deps: DrawingsToErase): void {
  for (const label of labels) {
    deps.picker.forget(label.labelId);
    const { kind } = label.geometry;
    if (kind === 'segmentation') deps.segmentations.erase(label.labelId);
    else if (kind !== 'classification') deps.annotations.erase(label.labelId);
  }
}
