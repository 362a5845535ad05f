import type { ImageReference } from '@readingroom/platform-shim';
import { parseFrameNumber } from './parseFrameNumber';

interface InstanceMetadata {
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
  NumberOfFrames?: number | string;
}

/**
 * Resolves an image id to the DICOM instance behind it through the host's metadata provider
 * (OHIF registers an 'instance' module for every image id it creates).
 */
export function createImageLookup(metaData: { get(type: string, imageId: string): unknown }) {
  return (imageId: string): ImageReference | undefined => {
    const instance = metaData.get('instance', imageId) as InstanceMetadata | undefined;
    if (!instance?.StudyInstanceUID || !instance.SeriesInstanceUID || !instance.SOPInstanceUID) return undefined;
    const reference: ImageReference = {
      StudyInstanceUID: instance.StudyInstanceUID,
      SeriesInstanceUID: instance.SeriesInstanceUID,
      SOPInstanceUID: instance.SOPInstanceUID,
    };
    const frameNumber = Number(instance.NumberOfFrames ?? 1) > 1 ? parseFrameNumber(imageId) : undefined;
    if (frameNumber !== undefined) reference.frameNumber = frameNumber;
    return reference;
  };
}
