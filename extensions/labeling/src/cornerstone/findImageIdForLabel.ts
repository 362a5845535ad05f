import type { ImageReference, LabelSnapshot } from '@readingroom/platform-shim';

/** The image id, among those the viewer has, that shows the instance (and frame) a label is on. */
export function findImageIdForLabel(
  label: Pick<LabelSnapshot, 'SOPInstanceUID' | 'frameNumber'>,
  imageIds: readonly string[],
  lookupImage: (imageId: string) => ImageReference | undefined,
): string | undefined {
  return imageIds.find(imageId => {
    const image = lookupImage(imageId);
    return image !== undefined && image.SOPInstanceUID === label.SOPInstanceUID && (image.frameNumber ?? 1) === (label.frameNumber ?? 1);
  });
}
