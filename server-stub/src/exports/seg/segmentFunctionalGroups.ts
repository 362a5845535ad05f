import type { DicomDataset } from '../../demo/dicomPart10.js';
import { codeSequence } from '../dicom/codeSequenceItem.js';
import { concepts } from '../dicom/concepts.js';
import type { FramePlane } from '../source/sourceTypes.js';
import type { SegmentFrame } from './collectSegments.js';

/** One frame of the SEG: which segment, on which source frame. */
export interface SegFrame extends SegmentFrame {
  SegmentNumber: number;
}

const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

export function planeOf(frame: SegmentFrame): FramePlane {
  return frame.image.planes[(frame.frameNumber ?? 1) - 1]!;
}

/** Distance of a plane along the slice normal (row × column direction). */
function positionAlongNormal(plane: FramePlane): number {
  const [r, c] = [plane.rowCosines, plane.columnCosines];
  const normal = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
  return dot(plane.ImagePositionPatient, normal);
}

/**
 * Shared Functional Groups (PS3.3 §C.7.6.16): pixel spacing, slice thickness and orientation,
 * which all frames of one source series share. Without patient geometry there are none.
 */
export function sharedFunctionalGroups(frames: SegFrame[], inPatientSpace: boolean): DicomDataset[] {
  if (!inPatientSpace) return [{}];
  const plane = planeOf(frames[0]!);
  const thickness = frames[0]!.image.SliceThickness;
  return [{
    PixelMeasuresSequence: [{ PixelSpacing: plane.PixelSpacing, SliceThickness: thickness }],
    PlaneOrientationSequence: [{ ImageOrientationPatient: [...plane.rowCosines, ...plane.columnCosines] }],
  }];
}

/**
 * Per-frame Functional Groups: Frame Content (dimension index values: segment number, then the
 * position's rank along the slice normal), Plane Position, Segment Identification and the
 * Derivation Image naming the source image frame.
 */
export function perFrameFunctionalGroups(frames: SegFrame[], inPatientSpace: boolean): DicomDataset[] {
  const positions = inPatientSpace ? [...new Set(frames.map(f => positionAlongNormal(planeOf(f))))].sort((a, b) => a - b) : [];
  return frames.map(frame => {
    const plane = planeOf(frame);
    const index = inPatientSpace ? [frame.SegmentNumber, positions.indexOf(positionAlongNormal(plane)) + 1] : [frame.SegmentNumber];
    return {
      FrameContentSequence: [{ DimensionIndexValues: index }],
      PlanePositionSequence: inPatientSpace ? [{ ImagePositionPatient: plane.ImagePositionPatient }] : undefined,
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: frame.SegmentNumber }],
      DerivationImageSequence: [{
        SourceImageSequence: [{
          ReferencedSOPClassUID: frame.image.SOPClassUID,
          ReferencedSOPInstanceUID: frame.image.SOPInstanceUID,
          ReferencedFrameNumber: frame.frameNumber === undefined ? undefined : String(frame.frameNumber),
          PurposeOfReferenceCodeSequence: codeSequence(concepts.sourceImageForProcessing),
        }],
        DerivationCodeSequence: codeSequence(concepts.segmentation),
      }],
    };
  });
}

const tagNumber = (group: number, element: number) => group * 0x10000 + element;

/** Dimension Organization and Index (PS3.3 §C.7.6.17): segment number, then image position. */
export function dimensionModule(DimensionOrganizationUID: string, inPatientSpace: boolean): DicomDataset {
  const segment = {
    DimensionOrganizationUID,
    DimensionIndexPointer: tagNumber(0x0062, 0x000b),
    FunctionalGroupPointer: tagNumber(0x0062, 0x000a),
    DimensionDescriptionLabel: 'Segment Number',
  };
  const position = {
    DimensionOrganizationUID,
    DimensionIndexPointer: tagNumber(0x0020, 0x0032),
    FunctionalGroupPointer: tagNumber(0x0020, 0x9113),
    DimensionDescriptionLabel: 'Image Position Patient',
  };
  return {
    DimensionOrganizationSequence: [{ DimensionOrganizationUID }],
    DimensionIndexSequence: inPatientSpace ? [segment, position] : [segment],
  };
}
