import { encodeMaskRuns, type LabelSnapshot, type SegmentationGeometry } from '@readingroom/platform-shim';
import { SOP_CLASSES } from '../dicom/concepts.js';
import { labelIdFromTracking } from '../dicom/labelIdFromTracking.js';
import { readLabelFacts, type LabelFacts } from '../dicom/labelFacts.js';
import { readBytes, readCodeSequence, readItems, readNumber, readString, readText, type ReadDataset } from '../dicom/readDataset.js';
import { findFindingByCode, resolveFinding } from '../dicom/resolveFinding.js';
import type { SourceStudy } from '../source/sourceTypes.js';
import { checkProject, compact, LabelDecodeError, type DecodeContext } from '../sr/decodeLabelBase.js';
import type { DecodedLabels } from '../sr/decodeMeasurementReport.js';
import { unpackFrame } from './bitPacking.js';
import { SEG_LABEL_FACTS_TAG, SEG_PRIVATE_CREATOR, SEG_PRIVATE_CREATOR_TAG } from './buildSegmentation.js';

interface FrameInfo {
  index: number;
  SegmentNumber: number;
  SOPInstanceUID: string;
  frameNumber: number | undefined;
}

/** Each frame's segment and source image frame, from the per-frame functional groups. */
function readFrameInfo(dataset: ReadDataset): FrameInfo[] {
  const shared = readItems(dataset, 'SharedFunctionalGroupsSequence')[0];
  return readItems(dataset, 'PerFrameFunctionalGroupsSequence').map((groups, index) => {
    const segment = readItems(groups, 'SegmentIdentificationSequence')[0] ?? readItems(shared, 'SegmentIdentificationSequence')[0];
    const derivation = readItems(groups, 'DerivationImageSequence')[0];
    const source = readItems(derivation, 'SourceImageSequence')[0];
    const SOPInstanceUID = readString(source, 'ReferencedSOPInstanceUID');
    const SegmentNumber = readNumber(segment, 'ReferencedSegmentNumber');
    if (!SOPInstanceUID || !SegmentNumber) throw new LabelDecodeError(`frame ${index + 1} names no segment or no source image`);
    return { index, SegmentNumber, SOPInstanceUID, frameNumber: readNumber(source, 'ReferencedFrameNumber') };
  });
}

/** ReadingRoom's label facts from a segment's private block, when the block is ours. */
function readSegmentFacts(segment: ReadDataset): LabelFacts | undefined {
  const owner = segment[SEG_PRIVATE_CREATOR_TAG]?.Value?.[0];
  if (typeof owner !== 'string' || owner.trim() !== SEG_PRIVATE_CREATOR) return undefined;
  const { facts, problem } = readLabelFacts(readText(segment, SEG_LABEL_FACTS_TAG));
  if (problem) throw new LabelDecodeError(problem);
  return facts;
}

/**
 * Segmentation labels of a binary SEG: one per segment, its non-empty frames with their source
 * image frames, finding type from the label facts or the segment's category and type codes.
 */
export function decodeSegmentation(dataset: ReadDataset, source: SourceStudy, context: DecodeContext): DecodedLabels {
  const result: DecodedLabels = { labels: [], problems: [] };
  const instance = readString(dataset, 'SOPInstanceUID') ?? 'instance';
  if (readString(dataset, 'SOPClassUID') !== SOP_CLASSES.segmentation) {
    result.problems.push({ item: instance, message: 'not a Segmentation' });
    return result;
  }
  if (readString(dataset, 'SegmentationType') !== 'BINARY') {
    result.problems.push({ item: instance, message: 'only binary segmentations are read (this one is FRACTIONAL)' });
    return result;
  }
  const Rows = readNumber(dataset, 'Rows') ?? 0;
  const Columns = readNumber(dataset, 'Columns') ?? 0;
  const pixels = readBytes(dataset, 'PixelData');
  let frames: FrameInfo[];
  try {
    if (!pixels || Rows === 0 || Columns === 0) throw new LabelDecodeError('no pixel data');
    frames = readFrameInfo(dataset);
  } catch (error) {
    if (!(error instanceof LabelDecodeError)) throw error;
    result.problems.push({ item: instance, message: error.message });
    return result;
  }
  for (const segment of readItems(dataset, 'SegmentSequence')) {
    const SegmentNumber = readNumber(segment, 'SegmentNumber') ?? 0;
    try {
      result.labels.push(decodeSegment(segment, SegmentNumber, { dataset, source, context, frames, pixels: pixels!, Rows, Columns }));
    } catch (error) {
      if (!(error instanceof LabelDecodeError)) throw error;
      result.problems.push({ item: readString(segment, 'TrackingUID') ?? `segment ${SegmentNumber}`, message: error.message });
    }
  }
  return result;
}

interface SegmentContext {
  dataset: ReadDataset;
  source: SourceStudy;
  context: DecodeContext;
  frames: FrameInfo[];
  pixels: Uint8Array;
  Rows: number;
  Columns: number;
}

function decodeSegment(segment: ReadDataset, SegmentNumber: number, { dataset, source, context, frames, pixels, Rows, Columns }: SegmentContext): LabelSnapshot {
  const facts = readSegmentFacts(segment);
  checkProject(facts, context);
  const trackingUid = readString(segment, 'TrackingUID') ?? `${readString(dataset, 'SOPInstanceUID')}.${SegmentNumber}`;
  const projectId = facts?.projectId ?? context.target?.projectId;
  const schemaVersion = facts?.schemaVersion ?? context.target?.schemaVersion;
  if (!projectId || !schemaVersion) throw new LabelDecodeError('the file does not say which project it belongs to; choose one to import into');
  const schema = context.schemaOf(projectId, schemaVersion);
  if (!schema) throw new LabelDecodeError(`project "${projectId}" has no schema version ${schemaVersion}`);
  const type = readCodeSequence(segment, 'SegmentedPropertyTypeCodeSequence');
  const category = readCodeSequence(segment, 'SegmentedPropertyCategoryCodeSequence');
  const finding = facts ? resolveFinding(schema, facts.findingTypeId) : type && findFindingByCode(schema, type, category);
  if (!finding) throw new LabelDecodeError(`segment ${SegmentNumber} (${type?.CodeMeaning ?? 'no type'}) is no finding type of schema version ${schemaVersion}`);
  const geometryFrames: SegmentationGeometry['frames'] = [];
  let SeriesInstanceUID: string | undefined;
  for (const frame of frames.filter(f => f.SegmentNumber === SegmentNumber)) {
    const image = source.images.get(frame.SOPInstanceUID);
    if (!image) throw new LabelDecodeError('a frame is derived from an image that is not in the study');
    SeriesInstanceUID = image.SeriesInstanceUID;
    const mask = unpackFrame(pixels, frame.index, Rows * Columns);
    if (!mask.includes(1)) continue;
    geometryFrames.push(compact({ SOPInstanceUID: frame.SOPInstanceUID, frameNumber: frame.frameNumber, mask: encodeMaskRuns(mask) }));
  }
  SeriesInstanceUID ??= readString(readItems(dataset, 'ReferencedSeriesSequence')[0], 'SeriesInstanceUID');
  if (!SeriesInstanceUID) throw new LabelDecodeError('the segmentation names no source series');
  const labelId = labelIdFromTracking(trackingUid);
  return compact({
    labelId,
    projectId,
    schemaVersion,
    findingTypeId: finding.type.id,
    attributes: facts?.attributes ?? {},
    status: facts?.status ?? 'draft',
    scope: 'series' as const,
    StudyInstanceUID: source.StudyInstanceUID,
    SeriesInstanceUID,
    FrameOfReferenceUID: facts?.absent?.includes('FrameOfReferenceUID') ? undefined : readString(dataset, 'FrameOfReferenceUID'),
    geometry: { kind: 'segmentation' as const, segmentNumber: facts?.segmentNumber ?? SegmentNumber, Rows, Columns, frames: geometryFrames },
    measurements: facts?.measurements,
    text: facts?.text,
  });
}
