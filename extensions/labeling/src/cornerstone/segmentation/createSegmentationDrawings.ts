import * as cornerstone from '@cornerstonejs/core';
import * as cornerstoneTools from '@cornerstonejs/tools';
import type { ImageReference, LabelShape, LabelSnapshot, SegmentationGeometry, SegmentReading } from '@readingroom/platform-shim';
import type { OhifDisplaySet, ServicesManager } from '../../types/ohif';
import type { ViewerAccess } from '../createViewerAccess';
import { clearSegment, paintMask, readSegmentFrames, type LabelmapSlice } from './labelmapMasks';

export type SegmentationLabel = LabelSnapshot & { geometry: SegmentationGeometry };
type SegmentKey = { segmentationId: string; segmentIndex: number };

const SEGMENTATION_PREFIX = 'readingroom-';
const UNNAMED = 'New segment (unlabeled)';

export function isSegmentationLabel(label: LabelSnapshot): label is SegmentationLabel {
  return label.geometry.kind === 'segmentation';
}

/**
 * Labels painted into Cornerstone3D labelmaps: one labelmap per display set, one segment per
 * label. Reads segments as run-length masks for the segmentation forwarder and paints saved
 * masks back.
 */
export function createSegmentationDrawings(options: { servicesManager: ServicesManager; viewer: ViewerAccess; lookupImage: (imageId: string) => ImageReference | undefined }) {
  const { segmentationService, displaySetService } = options.servicesManager.services;
  const { viewer, lookupImage } = options;
  const segmentOfLabel = new Map<string, SegmentKey>();
  const labelOfSegment = new Map<string, string>();
  const displaySetOfSegmentation = new Map<string, OhifDisplaySet>();
  const keyOf = ({ segmentationId, segmentIndex }: SegmentKey) => `${segmentationId}#${segmentIndex}`;

  const link = (labelId: string, segment: SegmentKey) => {
    segmentOfLabel.set(labelId, segment);
    labelOfSegment.set(keyOf(segment), labelId);
  };
  const unlink = (labelId: string) => {
    const segment = segmentOfLabel.get(labelId);
    if (segment) labelOfSegment.delete(keyOf(segment));
    segmentOfLabel.delete(labelId);
    return segment;
  };

  /** Our labelmap for a display set, created on first use and shown in the given viewports. */
  async function ensureSegmentation(displaySet: OhifDisplaySet, viewportIds: string[]): Promise<string> {
    const segmentationId = `${SEGMENTATION_PREFIX}${displaySet.displaySetInstanceUID}`;
    if (!cornerstoneTools.segmentation.state.getSegmentation(segmentationId)) {
      await segmentationService.createLabelmapForDisplaySet(displaySet, { segmentationId, label: 'ReadingRoom labels', segments: { 1: { label: UNNAMED, active: true } } });
    }
    displaySetOfSegmentation.set(segmentationId, displaySet);
    for (const viewportId of viewportIds) {
      if (segmentationService.getSegmentationRepresentations(viewportId, { segmentationId }).length === 0) {
        await segmentationService.addSegmentationRepresentation(viewportId, { segmentationId, type: 'Labelmap' });
      }
    }
    return segmentationId;
  }

  /** Labelmap slices with the source image each labels (slices of unknown images are skipped). */
  function readSlices(segmentationId: string) {
    const labelmap = cornerstoneTools.segmentation.state.getSegmentation(segmentationId)?.representationData.Labelmap;
    const imageIds = labelmap?.imageIds ?? [];
    const referenced = labelmap?.referencedImageIds ?? [];
    return imageIds.flatMap((imageId, i) => {
      const image = cornerstone.cache.getImage(imageId);
      const sourceImageId = referenced[i] ?? image?.referencedImageId ?? '';
      const source = lookupImage(sourceImageId);
      const pixels = image?.voxelManager?.getScalarData() ?? image?.getPixelData?.();
      if (!image || !source || !pixels) return [];
      const slice: LabelmapSlice & { image: typeof image; source: ImageReference; sourceImageId: string } = { SOPInstanceUID: source.SOPInstanceUID, pixels, image, source, sourceImageId };
      if (source.frameNumber !== undefined) slice.frameNumber = source.frameNumber;
      return [slice];
    });
  }

  const segmentsOf = (segmentationId: string) =>
    Object.values(cornerstoneTools.segmentation.state.getSegmentation(segmentationId)?.segments ?? {}).filter(s => s !== undefined);

  function dataModified(segmentationId: string) {
    cornerstoneTools.segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(segmentationId);
    viewer.renderAll();
  }

  return {
    isOurs: (segmentationId: string) => segmentationId.startsWith(SEGMENTATION_PREFIX),
    labelOfSegment: (segment: SegmentKey) => labelOfSegment.get(keyOf(segment)),

    /** Readies the brush on the active viewport: our labelmap shown, a segment to paint (a new one when asked). */
    async prepareBrush(startNewSegment: boolean): Promise<string | undefined> {
      const active = viewer.activeViewport();
      if (!active?.displaySet) return 'there is no image in the active viewport';
      const segmentationId = await ensureSegmentation(active.displaySet, [active.viewportId]);
      segmentationService.setActiveSegmentation(active.viewportId, segmentationId);
      const segments = segmentsOf(segmentationId);
      const current = segments.find(s => s.active);
      if (current && !startNewSegment) return undefined;
      const unnamed = segments.find(s => !labelOfSegment.has(keyOf({ segmentationId, segmentIndex: s.segmentIndex })));
      if (unnamed) segmentationService.setActiveSegment(segmentationId, unnamed.segmentIndex);
      else segmentationService.addSegment(segmentationId, { segmentIndex: segmentationService.getNextAvailableSegmentIndex(segmentationId), label: UNNAMED, active: true });
      return undefined;
    },

    /** Every segment of one of our labelmaps, as the segmentation forwarder reads it. */
    readSegments(segmentationId: string): SegmentReading[] {
      const displaySet = displaySetOfSegmentation.get(segmentationId);
      if (!displaySet) return [];
      const slices = readSlices(segmentationId);
      const first = slices[0]?.image;
      if (!first) return [];
      const frames = readSegmentFrames(slices);
      return segmentsOf(segmentationId).map(({ segmentIndex }) => {
        const labelId = labelOfSegment.get(keyOf({ segmentationId, segmentIndex }));
        const shape: LabelShape = {
          labelId: labelId ?? '',
          scope: 'series',
          StudyInstanceUID: slices[0]!.source.StudyInstanceUID,
          SeriesInstanceUID: slices[0]!.source.SeriesInstanceUID,
          geometry: { kind: 'segmentation', segmentNumber: segmentIndex, Rows: first.rows, Columns: first.columns, frames: frames.get(segmentIndex) ?? [] },
        };
        return { segmentationId, segmentIndex, ...(labelId ? { labelId } : {}), shape };
      });
    },

    /** The labeler named a painted segment. */
    nameSegment(segment: SegmentKey, labelId: string, title: string, color?: string) {
      link(labelId, segment);
      segmentationService.setSegmentLabel(segment.segmentationId, segment.segmentIndex, title);
      const rgba = toRgba(color);
      if (!rgba) return;
      for (const viewportId of segmentationService.getViewportIdsWithSegmentation(segment.segmentationId)) {
        segmentationService.setSegmentColor(viewportId, segment.segmentationId, segment.segmentIndex, rgba);
      }
    },

    /** A label's segment shows its new finding type. */
    rename(labelId: string, title: string, color?: string) {
      const segment = segmentOfLabel.get(labelId);
      if (segment) this.nameSegment(segment, labelId, title, color);
    },

    /** Removes a segment and its paint (a cancelled picker, a deleted label). */
    discardSegment(segment: SegmentKey) {
      const labelId = labelOfSegment.get(keyOf(segment));
      if (labelId) unlink(labelId);
      readSlices(segment.segmentationId).forEach(slice => clearSegment(slice.pixels as Uint8Array, segment.segmentIndex));
      segmentationService.removeSegment(segment.segmentationId, segment.segmentIndex, { skipRecordingHistory: true });
      dataModified(segment.segmentationId);
    },

    erase(labelId: string) {
      const segment = segmentOfLabel.get(labelId);
      if (segment) this.discardSegment(segment);
    },

    /** Paints a saved label back into its series' labelmap; false while that series is not loaded. */
    async draw(label: SegmentationLabel, title: string, color?: string): Promise<boolean> {
      if (segmentOfLabel.has(label.labelId)) return true;
      const displaySet = label.SeriesInstanceUID ? displaySetService.getDisplaySetsForSeries(label.SeriesInstanceUID)[0] : undefined;
      // OHIF gives a display set its image ids once a viewport shows it; the labelmap is built on them.
      if (!displaySet?.imageIds?.length || !label.SeriesInstanceUID) return false;
      const segmentationId = await ensureSegmentation(displaySet, viewer.viewportIdsShowing(label.SeriesInstanceUID));
      const taken = new Set(segmentsOf(segmentationId).filter(s => labelOfSegment.has(keyOf({ segmentationId, segmentIndex: s.segmentIndex }))).map(s => s.segmentIndex));
      const segmentIndex = taken.has(label.geometry.segmentNumber) ? segmentationService.getNextAvailableSegmentIndex(segmentationId) : label.geometry.segmentNumber;
      const slices = readSlices(segmentationId);
      for (const frame of label.geometry.frames) {
        const slice = slices.find(s => s.SOPInstanceUID === frame.SOPInstanceUID && (s.frameNumber ?? 1) === (frame.frameNumber ?? 1));
        if (slice) paintMask(slice.pixels as Uint8Array, frame, label.geometry.Rows, label.geometry.Columns, segmentIndex);
      }
      segmentationService.addSegment(segmentationId, { segmentIndex, label: title, active: false });
      this.nameSegment({ segmentationId, segmentIndex }, label.labelId, title, color);
      dataModified(segmentationId);
      return true;
    },

    /** Shows the first slice the label is painted on, and makes it the segment the brush paints. */
    async show(label: SegmentationLabel): Promise<boolean> {
      const segment = segmentOfLabel.get(label.labelId);
      const frame = label.geometry.frames[0];
      if (!segment) return false;
      segmentationService.setActiveSegment(segment.segmentationId, segment.segmentIndex);
      const slice = frame && readSlices(segment.segmentationId).find(s => s.SOPInstanceUID === frame.SOPInstanceUID && (s.frameNumber ?? 1) === (frame.frameNumber ?? 1));
      const imageId = slice ? slice.sourceImageId : undefined;
      return imageId ? viewer.showImage(imageId, label.SeriesInstanceUID) : true;
    },

    forgetAll() {
      segmentOfLabel.clear();
      labelOfSegment.clear();
      displaySetOfSegmentation.clear();
    },
  };
}

export type SegmentationDrawings = ReturnType<typeof createSegmentationDrawings>;

function toRgba(color: string | undefined): [number, number, number, number] | undefined {
  const match = color ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), 255] : undefined;
}
