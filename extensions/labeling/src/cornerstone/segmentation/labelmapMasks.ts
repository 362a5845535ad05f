import { decodeMaskRuns, encodeMaskRuns, type SegmentationGeometry } from '@readingroom/platform-shim';

/** One labelmap slice: the segment index of every pixel, and the source image it labels. */
export interface LabelmapSlice {
  SOPInstanceUID: string;
  frameNumber?: number;
  pixels: ArrayLike<number>;
}

type Frame = SegmentationGeometry['frames'][number];

/**
 * The run-length masks of every segment in a labelmap, slice by slice: one pass over each slice
 * finds the segments on it (empty slices cost one scan and no allocation), then each segment
 * present is encoded.
 */
export function readSegmentFrames(slices: LabelmapSlice[]): Map<number, Frame[]> {
  const bySegment = new Map<number, Frame[]>();
  for (const slice of slices) {
    const present = new Set<number>();
    const { pixels } = slice;
    for (let i = 0; i < pixels.length; i++) {
      const value = pixels[i]!;
      if (value !== 0) present.add(value);
    }
    for (const segmentIndex of present) {
      const mask = new Uint8Array(pixels.length);
      for (let i = 0; i < pixels.length; i++) if (pixels[i] === segmentIndex) mask[i] = 1;
      const frame: Frame = { SOPInstanceUID: slice.SOPInstanceUID, mask: encodeMaskRuns(mask) };
      if (slice.frameNumber !== undefined) frame.frameNumber = slice.frameNumber;
      const frames = bySegment.get(segmentIndex);
      if (frames) frames.push(frame);
      else bySegment.set(segmentIndex, [frame]);
    }
  }
  return bySegment;
}

/**
 * Paints a stored mask into a labelmap slice as `segmentIndex`; pixels outside the mask keep
 * their segment. Throws (with the reason) when the mask does not fit the slice.
 */
export function paintMask(pixels: { length: number; [index: number]: number }, frame: Frame, Rows: number, Columns: number, segmentIndex: number): number {
  if (pixels.length !== Rows * Columns) throw new Error(`the mask is ${Rows}×${Columns} but the image has ${pixels.length} pixels`);
  const mask = decodeMaskRuns(frame.mask, Rows, Columns);
  let painted = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) {
      pixels[i] = segmentIndex;
      painted++;
    }
  }
  return painted;
}

/** Clears a segment from a labelmap slice; returns how many pixels it had there. */
export function clearSegment(pixels: { length: number; [index: number]: number }, segmentIndex: number): number {
  let cleared = 0;
  for (let i = 0; i < pixels.length; i++) {
    if (pixels[i] === segmentIndex) {
      pixels[i] = 0;
      cleared++;
    }
  }
  return cleared;
}
