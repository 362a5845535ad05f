import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import type { AnnotationForwarder, ImageReference, LabelSnapshot } from '@readingroom/platform-shim';
import type { DisplaySetService, ExtensionManager } from '../types/ohif';
import { findImageIdForLabel } from './findImageIdForLabel';
import { HANDLE_POINT_TOOLS, labelToAnnotation } from './labelToAnnotation';

interface RestorerOptions {
  displaySetService: DisplaySetService;
  extensionManager: ExtensionManager;
  lookupImage: (imageId: string) => ImageReference | undefined;
  forwarder: Pick<AnnotationForwarder, 'markKnown'>;
}

/**
 * Redraws labels loaded from the server as Cornerstone3D annotations once the series they are
 * on has been loaded by the viewer; labels of series not loaded yet wait for them.
 */
export function createLabelRestorer(options: RestorerOptions) {
  const pending = new Map<string, LabelSnapshot>();

  const imageIdsOfSeries = (SeriesInstanceUID: string): string[] => {
    const [dataSource] = options.extensionManager.getActiveDataSource();
    if (!dataSource) return [];
    return options.displaySetService
      .getDisplaySetsForSeries(SeriesInstanceUID)
      .flatMap(displaySet => dataSource.getImageIdsForDisplaySet(displaySet) ?? []);
  };

  const restore = (label: LabelSnapshot): boolean => {
    if (cornerstoneTools.annotation.state.getAnnotation(label.labelId)) return true;
    const imageId = findImageIdForLabel(label, imageIdsOfSeries(label.SeriesInstanceUID), options.lookupImage);
    if (!imageId) return false;
    const FrameOfReferenceUID =
      label.FrameOfReferenceUID ??
      (cornerstone.metaData.get('imagePlaneModule', imageId) as { frameOfReferenceUID?: string } | undefined)?.frameOfReferenceUID;
    if (!FrameOfReferenceUID) return false;
    // Known before it is added, so the events its addition fires are not sent back as edits.
    options.forwarder.markKnown(label);
    cornerstoneTools.annotation.state.addAnnotation(labelToAnnotation({ ...label, FrameOfReferenceUID }, imageId), FrameOfReferenceUID);
    return true;
  };

  const restorePending = () => {
    let restoredAny = false;
    for (const [labelId, label] of pending) {
      if (restore(label)) {
        pending.delete(labelId);
        restoredAny = true;
      }
    }
    if (restoredAny) cornerstone.getRenderingEngines()?.forEach(engine => engine.render());
  };

  return {
    add(labels: LabelSnapshot[]) {
      for (const label of labels) {
        // Contour and segmentation labels are listed in the panel; drawing them back needs their own geometry.
        if (HANDLE_POINT_TOOLS.has(label.toolName)) pending.set(label.labelId, label);
      }
      restorePending();
    },
    restorePending,
  };
}
