import { decodeMaskRuns, type LabelSchemaDefinition, type LabelSnapshot, type SegmentationGeometry } from '@readingroom/platform-shim';
import { resolveFinding, type ResolvedFinding } from '../dicom/resolveFinding.js';
import type { SourceImage, SourceStudy } from '../source/sourceTypes.js';
import { packMask } from './bitPacking.js';

/** One frame of one segment: the source image frame it lies on and its mask, packed (bitPacking.packMask). */
export interface SegmentFrame {
  image: SourceImage;
  /** The label's frame number (multi-frame sources); undefined for single-frame images. */
  frameNumber: number | undefined;
  packed: Uint8Array;
}

/** A segmentation label ready to be a SEG segment. */
export interface Segment {
  SegmentNumber: number;
  label: LabelSnapshot;
  geometry: SegmentationGeometry;
  finding: ResolvedFinding;
  /** Frames with at least one pixel set, in the label's order (empty frames carry nothing in a binary SEG). */
  frames: SegmentFrame[];
}

export interface CollectedSegments {
  segments: Segment[];
  Rows: number;
  Columns: number;
  problems: Array<{ labelId: string; message: string }>;
}

/**
 * The segmentation labels of one series as segments numbered 1..n (SEG numbers segments from 1
 * without gaps; the label's own segment number travels in its facts). A label that does not fit
 * (another series, another frame size, an unknown finding type, a bad mask) is reported.
 */
export function collectSegments(
  labels: LabelSnapshot[],
  SeriesInstanceUID: string,
  source: SourceStudy,
  schemaOf: (label: LabelSnapshot) => LabelSchemaDefinition | undefined,
): CollectedSegments {
  const result: CollectedSegments = { segments: [], Rows: 0, Columns: 0, problems: [] };
  for (const label of labels) {
    const problem = (message: string) => result.problems.push({ labelId: label.labelId, message });
    const geometry = label.geometry;
    if (geometry.kind !== 'segmentation') continue;
    if (label.SeriesInstanceUID !== SeriesInstanceUID) {
      problem('the segmentation is of another series');
      continue;
    }
    const schema = schemaOf(label);
    const finding = schema && resolveFinding(schema, label.findingTypeId);
    if (!finding) {
      problem(`finding type "${label.findingTypeId}" is not in schema version ${label.schemaVersion} of project "${label.projectId}"`);
      continue;
    }
    if (result.segments.length > 0 && (geometry.Rows !== result.Rows || geometry.Columns !== result.Columns)) {
      problem(`its frames are ${geometry.Rows}×${geometry.Columns}; this SEG's are ${result.Rows}×${result.Columns}`);
      continue;
    }
    try {
      const frames = readFrames(geometry, SeriesInstanceUID, source);
      result.Rows = geometry.Rows;
      result.Columns = geometry.Columns;
      result.segments.push({ SegmentNumber: result.segments.length + 1, label, geometry, finding, frames });
    } catch (error) {
      problem((error as Error).message);
    }
  }
  return result;
}

function readFrames(geometry: SegmentationGeometry, SeriesInstanceUID: string, source: SourceStudy): SegmentFrame[] {
  const frames: SegmentFrame[] = [];
  for (const frame of geometry.frames) {
    const image = source.images.get(frame.SOPInstanceUID);
    if (!image || image.SeriesInstanceUID !== SeriesInstanceUID) throw new Error('a frame is on an image that is not in the series');
    if (image.Rows !== geometry.Rows || image.Columns !== geometry.Columns) throw new Error(`the mask is ${geometry.Rows}×${geometry.Columns}; its image is ${image.Rows}×${image.Columns}`);
    if ((frame.frameNumber ?? 1) > image.NumberOfFrames) throw new Error(`the image has no frame ${frame.frameNumber}`);
    let mask: Uint8Array;
    try {
      mask = decodeMaskRuns(frame.mask, geometry.Rows, geometry.Columns);
    } catch (error) {
      throw new Error(`a frame mask is unreadable: ${(error as Error).message}`);
    }
    const packed = packMask(mask);
    if (packed.some(byte => byte !== 0)) frames.push({ image, frameNumber: frame.frameNumber, packed });
  }
  return frames;
}
