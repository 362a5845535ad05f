import type { ByteSource } from './byteSource.js';
import { computeFrameLocations, type FrameLocations } from './computeFrameLocations.js';
import { readPart10 } from './dcmjsAdapter.js';
import { getNumber, getString, type DicomJsonDataset } from './dicomJson.js';
import { DicomFormatError, scanDicomLayout, type BulkLocation } from './scanDicomLayout.js';
import { toDicomJson } from './toDicomJson.js';

/** Everything the index keeps about one stored instance. */
export interface DescribedInstance {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
  TransferSyntaxUID: string;
  /** Full metadata (PS3.18 Annex F) with BulkDataURIs relative to the study (see bulkDataURIFor). */
  metadata: DicomJsonDataset;
  frames: FrameLocations;
  bulk: BulkLocation[];
}

/** A required attribute is missing or unusable; names the attribute, never a value. */
export class DicomContentError extends Error {
  override name = 'DicomContentError';
}

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;
/** Lenient UID check: some archives hold UIDs with leading zeros in a component; those still index fine. */
const UID_LENIENT = /^[0-9]+(\.[0-9]+)*$/;

export function isValidUid(value: string, strict = false): boolean {
  return value.length > 0 && value.length <= 64 && (strict ? UID : UID_LENIENT).test(value);
}

/**
 * Relative to `{wadoRoot}/studies/{StudyInstanceUID}/`, which is how OHIF resolves relative
 * BulkDataURIs with `bulkDataURI.relativeResolution: 'studies'`; relative URIs stay valid
 * behind any reverse proxy or host name.
 */
export function bulkDataURIFor(SeriesInstanceUID: string, SOPInstanceUID: string, path: string): string {
  return `series/${SeriesInstanceUID}/instances/${SOPInstanceUID}/bulkdata/${path}`;
}

/**
 * Validates and describes one Part 10 file: structure (scanDicomLayout), values (dcmjs, given
 * the file without its pixel data so large images never sit in memory), UIDs and frame positions.
 */
export async function describeDicomFile(source: ByteSource): Promise<DescribedInstance> {
  const layout = await scanDicomLayout(source);
  const pixel = layout.pixelData;
  const bytes = pixel
    ? Buffer.concat([await source.read(0, pixel.elementStart), await source.read(pixel.elementEnd, source.size - pixel.elementEnd)])
    : await source.read(0, source.size);

  let dataset;
  try {
    dataset = readPart10(bytes).dataset;
  } catch (error) {
    throw new DicomFormatError(`the dataset could not be decoded (${error instanceof Error ? error.name : 'error'})`);
  }
  const uid = (tag: string, keyword: string) => {
    const value = dataset[tag]?.Value?.[0];
    if (typeof value !== 'string' || value.trim() === '') throw new DicomContentError(`${keyword} (${tag.slice(0, 4)},${tag.slice(4)}) is missing`);
    const trimmed = value.replace(/[\0 ]+$/, '');
    if (!isValidUid(trimmed)) throw new DicomContentError(`${keyword} (${tag.slice(0, 4)},${tag.slice(4)}) is not a valid UID`);
    return trimmed;
  };
  const SOPClassUID = uid('00080016', 'SOPClassUID');
  const SOPInstanceUID = uid('00080018', 'SOPInstanceUID');
  const StudyInstanceUID = uid('0020000D', 'StudyInstanceUID');
  const SeriesInstanceUID = uid('0020000E', 'SeriesInstanceUID');

  const bulkPaths = new Set(layout.bulk.map(b => b.path));
  const bulkDataURI = (path: string) => bulkDataURIFor(SeriesInstanceUID, SOPInstanceUID, path);
  const metadata = toDicomJson(dataset, { bulkPaths, bulkDataURI });
  if (pixel) metadata[pixel.tag] = { vr: pixel.vr, BulkDataURI: bulkDataURI(pixel.tag) };

  const frames = await computeFrameLocations(
    layout,
    {
      NumberOfFrames: getNumber(metadata, '00280008'),
      Rows: getNumber(metadata, '00280010'),
      Columns: getNumber(metadata, '00280011'),
      SamplesPerPixel: getNumber(metadata, '00280002'),
      BitsAllocated: getNumber(metadata, '00280100'),
      PhotometricInterpretation: getString(metadata, '00280004'),
    },
    source,
  );
  return {
    StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, SOPClassUID,
    TransferSyntaxUID: layout.transferSyntaxUID, metadata, frames, bulk: layout.bulk,
  };
}
