import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import type { AnnotationGeometry, ImageReference, LabelSnapshot } from '@readingroom/platform-shim';
import { findImageIdForLabel } from './findImageIdForLabel';
import { labelToAnnotation } from './labelToAnnotation';
import type { ViewerAccess } from './createViewerAccess';

export type AnnotationLabel = LabelSnapshot & { geometry: AnnotationGeometry };

export function isAnnotationLabel(label: LabelSnapshot): label is AnnotationLabel {
  return label.geometry.kind !== 'segmentation' && label.geometry.kind !== 'classification';
}

/** Drawing, removing and showing the labels drawn with Cornerstone3D annotation tools. */
export function createAnnotationDrawings(viewer: ViewerAccess, lookupImage: (imageId: string) => ImageReference | undefined) {
  const imageIdOf = (label: AnnotationLabel) =>
    label.SeriesInstanceUID ? findImageIdForLabel(label, viewer.imageIdsOfSeries(label.SeriesInstanceUID), lookupImage) : undefined;

  return {
    /** Draws a saved label on its image; false while the viewer has not loaded that series. */
    draw(label: AnnotationLabel): boolean {
      if (cornerstoneTools.annotation.state.getAnnotation(label.labelId)) return true;
      const imageId = imageIdOf(label);
      if (!imageId) return false;
      const FrameOfReferenceUID =
        label.FrameOfReferenceUID ??
        (cornerstone.metaData.get('imagePlaneModule', imageId) as { frameOfReferenceUID?: string } | undefined)?.frameOfReferenceUID;
      if (!FrameOfReferenceUID) return false;
      cornerstoneTools.annotation.state.addAnnotation(labelToAnnotation(label, imageId, FrameOfReferenceUID), FrameOfReferenceUID);
      return true;
    },
    /** Takes a label's annotation away (the annotation forwarder reports the removal). */
    erase(labelId: string) {
      if (!cornerstoneTools.annotation.state.getAnnotation(labelId)) return;
      cornerstoneTools.annotation.state.removeAnnotation(labelId);
      viewer.renderAll();
    },
    /** Scrolls a viewport to the label's image and selects the annotation. */
    async show(label: AnnotationLabel) {
      const imageId = imageIdOf(label);
      if (!imageId) return false;
      const shown = await viewer.showImage(imageId, label.SeriesInstanceUID);
      if (!shown) return false;
      cornerstoneTools.annotation.selection.setAnnotationSelected(label.labelId, true, false);
      viewer.renderAll();
      return true;
    },
  };
}

export type AnnotationDrawings = ReturnType<typeof createAnnotationDrawings>;
