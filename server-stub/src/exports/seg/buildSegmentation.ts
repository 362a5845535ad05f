import type { LabelSchemaDefinition, LabelSnapshot } from '@readingroom/platform-shim';
import type { DicomDataset } from '../../demo/dicomPart10.js';
import { codeSequence } from '../dicom/codeSequenceItem.js';
import { SOP_CLASSES } from '../dicom/concepts.js';
import { buildDerivedObjectModules, declareCharacterSet, toDicomDateTime, type DerivedInstance } from '../dicom/derivedObjectModules.js';
import { LABEL_FACTS_FORMAT, writeLabelFacts } from '../dicom/labelFacts.js';
import { createDicomUid, uuidToUid } from '../dicom/uuidUid.js';
import type { SourceStudy } from '../source/sourceTypes.js';
import { toPersonName } from '../sr/buildMeasurementReport.js';
import { createPackedFrames, packedOverlap, writePackedFrame } from './bitPacking.js';
import { collectSegments, type Segment } from './collectSegments.js';
import { rgbToDicomLab } from './rgbToDicomLab.js';
import { dimensionModule, perFrameFunctionalGroups, sharedFunctionalGroups, type SegFrame } from './segmentFunctionalGroups.js';

/** Private block of ReadingRoom in a Segment Sequence item: creator (0029,0010), label facts (0029,1001). */
export const SEG_PRIVATE_CREATOR = 'READINGROOM 1';
export const SEG_PRIVATE_CREATOR_TAG = '00290010';
export const SEG_LABEL_FACTS_TAG = '00291001';

export interface SegmentationInput {
  /** Segmentation labels of one source series. */
  labels: LabelSnapshot[];
  SeriesInstanceUID: string;
  schemaOf(label: LabelSnapshot): LabelSchemaDefinition | undefined;
  source: SourceStudy;
  instance: Omit<DerivedInstance, 'SOPClassUID' | 'Modality'>;
  creatorName: string;
}

export interface Segmentation {
  /** Undefined when no label could become a segment. */
  dataset: DicomDataset | undefined;
  labelIds: string[];
  problems: Array<{ labelId: string; message: string }>;
}

/**
 * A binary DICOM SEG of a series' segmentation labels: one segment per label, coded with the
 * finding type's category and type (never a default), each segment's frames on their own so
 * overlapping segments stay overlapping, every frame derived from its source image frame.
 */
export function buildSegmentation(input: SegmentationInput): Segmentation {
  const { segments, Rows, Columns, problems } = collectSegments(input.labels, input.SeriesInstanceUID, input.source, input.schemaOf);
  if (segments.length === 0) return { dataset: undefined, labelIds: [], problems };
  const frames = framesOf(segments, input, Rows * Columns);
  const pixels = createPackedFrames(frames.length, Rows * Columns);
  frames.forEach((frame, i) => writePackedFrame(pixels, i, frame.packed, Rows * Columns));
  const first = frames[0]!.image;
  const FrameOfReferenceUID = segments[0]!.label.FrameOfReferenceUID ?? first.FrameOfReferenceUID;
  const inPatientSpace = !!FrameOfReferenceUID && frames.every(f => f.image.planes.every(p => p.isPatientSpace));
  const instance: DerivedInstance = { ...input.instance, SOPClassUID: SOP_CLASSES.segmentation, Modality: 'SEG' };
  const created = toDicomDateTime(instance.createdAt);
  const dataset: DicomDataset = {
    ...buildDerivedObjectModules(input.source, instance),
    ReferencedPerformedProcedureStepSequence: undefined,
    FrameOfReferenceUID,
    PositionReferenceIndicator: FrameOfReferenceUID ? '' : undefined,
    // General Image, Segmentation Image and Image Pixel modules.
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentDate: created.date,
    ContentTime: created.time,
    ContentLabel: 'READINGROOM',
    ContentDescription: 'ReadingRoom segmentation labels',
    ContentCreatorName: toPersonName(input.creatorName),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows,
    Columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentsOverlap: overlaps(frames) ? 'YES' : 'NO',
    SegmentSequence: segments.map(segment => segmentItem(segment)),
    // Multi-frame Functional Groups and Dimension modules.
    NumberOfFrames: frames.length,
    SharedFunctionalGroupsSequence: sharedFunctionalGroups(frames, inPatientSpace),
    PerFrameFunctionalGroupsSequence: perFrameFunctionalGroups(frames, inPatientSpace),
    ...dimensionModule(createDicomUid(), inPatientSpace),
    // Common Instance Reference module: the source series and its referenced instances.
    ReferencedSeriesSequence: [{
      SeriesInstanceUID: input.SeriesInstanceUID,
      ReferencedInstanceSequence: uniqueImages(frames).map(image => ({ ReferencedSOPClassUID: image.SOPClassUID, ReferencedSOPInstanceUID: image.SOPInstanceUID })),
    }],
    PixelData: { vr: 'OB', bytes: pixels },
  };
  return { dataset: declareCharacterSet(dataset), labelIds: segments.map(s => s.label.labelId), problems };
}

/**
 * The SEG's frames: every segment's non-empty frames, segment by segment, each in its label's
 * order. NumberOfFrames must be at least 1: when every segment is empty, one empty frame of
 * segment 1 on the series' first image keeps the object valid; the loader drops empty frames,
 * so the segments still read back empty.
 */
function framesOf(segments: Segment[], input: SegmentationInput, pixelsPerFrame: number): SegFrame[] {
  const frames = segments.flatMap(segment => segment.frames.map(frame => ({ ...frame, SegmentNumber: segment.SegmentNumber })));
  if (frames.length > 0) return frames;
  const image = [...input.source.images.values()].find(i => i.SeriesInstanceUID === input.SeriesInstanceUID)!;
  return [{ SegmentNumber: 1, image, frameNumber: image.NumberOfFrames > 1 ? 1 : undefined, packed: new Uint8Array(Math.ceil(pixelsPerFrame / 8)) }];
}

function segmentItem(segment: Segment): DicomDataset {
  const { label, finding, geometry } = segment;
  const color = finding.type.color;
  return {
    SegmentNumber: segment.SegmentNumber,
    SegmentLabel: finding.type.label,
    SegmentAlgorithmType: 'MANUAL',
    SegmentedPropertyCategoryCodeSequence: codeSequence(finding.type.category),
    SegmentedPropertyTypeCodeSequence: codeSequence(finding.type.code),
    TrackingID: label.labelId,
    TrackingUID: uuidToUid(label.labelId),
    RecommendedDisplayCIELabValue: color ? rgbToDicomLab(color) : undefined,
    [SEG_PRIVATE_CREATOR_TAG]: { vr: 'LO', values: [SEG_PRIVATE_CREATOR] },
    [SEG_LABEL_FACTS_TAG]: {
      vr: 'UT',
      values: [writeLabelFacts({
        format: LABEL_FACTS_FORMAT,
        projectId: label.projectId,
        schemaVersion: label.schemaVersion,
        findingTypeId: label.findingTypeId,
        status: label.status,
        segmentNumber: geometry.segmentNumber,
        attributes: label.attributes,
        measurements: label.measurements,
        text: label.text,
        absent: label.FrameOfReferenceUID === undefined ? ['FrameOfReferenceUID'] : undefined,
      })],
    },
  };
}

/** Whether two segments claim the same pixel of the same source frame. */
function overlaps(frames: SegFrame[]): boolean {
  const claimed = new Map<string, Uint8Array>();
  for (const frame of frames) {
    const key = `${frame.image.SOPInstanceUID}/${frame.frameNumber ?? 1}`;
    const union = claimed.get(key);
    if (!union) {
      claimed.set(key, frame.packed.slice());
      continue;
    }
    if (packedOverlap(union, frame.packed)) return true;
    for (let i = 0; i < union.length; i++) union[i]! |= frame.packed[i]!;
  }
  return false;
}

function uniqueImages(frames: SegFrame[]) {
  return [...new Map(frames.map(f => [f.image.SOPInstanceUID, f.image])).values()];
}
