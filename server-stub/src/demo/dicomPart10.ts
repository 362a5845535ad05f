// The demo generator's one door to dcmjs: typed, keyword-keyed datasets in,
// DICOM Part 10 bytes out. It uses only dcmjs's data dictionary and its
// writer (DicomDict), which the server's ambient declaration of dcmjs
// (src/dicomweb/dicom/dcmjs.d.ts) already types; a second ambient
// `declare module 'dcmjs'` would silently merge with, and break, that one.
// Building the tag-keyed dataset here rather than through dcmjs's
// denaturalizeDataset lets us refuse what dcmjs would "fix" silently
// (unknown keywords dropped with a log line, over-long values truncated,
// ambiguous VRs guessed), so a typo in a generator fails loudly in tests.
import dcmjs from 'dcmjs';
import { formatDecimalString } from './formatDecimalString.js';

export type DicomScalar = string | number;

/** Bulk binary value (pixel data); `bytes` must already be little-endian. */
export interface DicomBinary {
  readonly vr: 'OB' | 'OW';
  readonly bytes: Uint8Array;
}

/**
 * An element the data dictionary does not name (a private element or its Private Creator): the
 * dataset key is its tag, "GGGGEEEE" in upper-case hex, and the VR is given here.
 */
export interface DicomTaggedValue {
  readonly vr: 'LO' | 'UT' | 'US' | 'UL' | 'CS';
  readonly values: readonly DicomScalar[];
}

/** An empty string writes a zero-length (type 2) element; an empty array an empty sequence. */
export type DicomElementValue = DicomScalar | readonly DicomScalar[] | readonly DicomDataset[] | DicomBinary | DicomTaggedValue;

/** A dataset keyed by DICOM keyword, spelled exactly as in PS3.6 (or by tag, for DicomTaggedValue). */
export interface DicomDataset {
  readonly [keyword: string]: DicomElementValue | undefined;
}

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Identifies the writer in every file's meta header; fixed, never seed-dependent. */
export const READINGROOM_IMPLEMENTATION_CLASS_UID = '2.25.266150834284054458685036091636137949113';
export const READINGROOM_IMPLEMENTATION_VERSION_NAME = 'READINGROOM_0_1';

// Maximum lengths in characters (PS3.5 Table 6.2-1) for the string VRs we write.
const MAX_STRING_LENGTH: Readonly<Record<string, number>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, LT: 10240,
  PN: 64, SH: 16, ST: 1024, TM: 14, UI: 64, UT: 4294967294, UC: 4294967294,
};
const NUMERIC_VRS = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT', 'UV', 'SV']);

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/** dcmjs's in-memory form: tag-keyed elements with an explicit VR and an array of values. */
type TagKeyedDataset = Record<string, { vr: string; Value: unknown[] }>;

function isBinary(value: DicomElementValue): value is DicomBinary {
  return typeof value === 'object' && !Array.isArray(value) && 'bytes' in value;
}

function isTagged(value: DicomElementValue): value is DicomTaggedValue {
  return typeof value === 'object' && !Array.isArray(value) && 'values' in value;
}

const TAG_KEY = /^[0-9A-F]{8}$/;

interface DictionaryEntry {
  readonly tag: string;
  readonly vr: string;
}

function lookUp(keyword: string): DictionaryEntry {
  const entry = DicomMetaDictionary.nameMap[keyword];
  if (!entry) throw new Error(`Unknown DICOM keyword "${keyword}"`);
  // dcmjs spells tags "(GGGG,EEEE)"; its datasets are keyed "GGGGEEEE".
  return { tag: entry.tag.replace(/[(),]/g, '').toUpperCase(), vr: entry.vr };
}

function toStringValue(keyword: string, vr: string, value: DicomScalar): string {
  let text: string;
  if (typeof value === 'number') {
    if (vr === 'DS') text = formatDecimalString(value);
    else if (vr === 'IS' && Number.isInteger(value)) text = String(value);
    else throw new TypeError(`${keyword} (${vr}) needs a string value, got the number ${value}`);
  } else {
    text = value;
  }
  const max = MAX_STRING_LENGTH[vr];
  if (max !== undefined && text.length > max) {
    throw new RangeError(`${keyword} (${vr}) value "${text}" is longer than ${max} characters`);
  }
  return text;
}

function toDcmjsValues(keyword: string, vr: string, value: DicomElementValue): unknown[] {
  if (isBinary(value)) {
    if (value.bytes.byteLength % 2 !== 0) throw new RangeError(`${keyword} must have an even length`);
    const { buffer, byteOffset, byteLength } = value.bytes;
    // dcmjs writes whole ArrayBuffers, so hand it exactly our bytes.
    const exact = byteOffset === 0 && byteLength === buffer.byteLength ? buffer : buffer.slice(byteOffset, byteOffset + byteLength);
    return [exact];
  }
  const values: readonly (DicomScalar | DicomDataset)[] = Array.isArray(value) ? value : [value as DicomScalar];
  if (vr === 'SQ') {
    return values.map(item => {
      if (typeof item !== 'object') throw new TypeError(`${keyword} is a sequence; its items must be datasets`);
      return toTagKeyedDataset(item);
    });
  }
  return values.map(item => {
    if (typeof item === 'object') throw new TypeError(`${keyword} (${vr}) cannot hold a dataset`);
    if (NUMERIC_VRS.has(vr)) {
      if (typeof item !== 'number') throw new TypeError(`${keyword} (${vr}) needs numbers`);
      return item;
    }
    return toStringValue(keyword, vr, item);
  });
}

function toTagKeyedDataset(dataset: DicomDataset): TagKeyedDataset {
  const result: TagKeyedDataset = {};
  for (const [keyword, value] of Object.entries(dataset)) {
    if (value === undefined) continue;
    if (TAG_KEY.test(keyword)) {
      if (!isTagged(value)) throw new TypeError(`${keyword} is keyed by tag; its value needs an explicit VR ({ vr, values })`);
      result[keyword] = { vr: value.vr, Value: toDcmjsValues(keyword, value.vr, value.values) };
      continue;
    }
    if (isTagged(value)) throw new TypeError(`${keyword} has a dictionary VR; only elements keyed by tag take { vr, values }`);
    const entry = lookUp(keyword);
    let vr = entry.vr;
    if (isBinary(value)) {
      if (vr !== 'ox' && vr !== 'OB' && vr !== 'OW') throw new TypeError(`${keyword} (${vr}) cannot hold binary data`);
      vr = value.vr;
    } else if (vr === vr.toLowerCase()) {
      // dcmjs marks ambiguous VRs (US or SS, OB or OW) in lower case.
      throw new TypeError(`${keyword} has an ambiguous VR (${vr}); the demo generator does not write it`);
    }
    result[entry.tag] = { vr, Value: toDcmjsValues(keyword, vr, value) };
  }
  return result;
}

const platformIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Typed-array views share the platform's byte order; DICOM here is little-endian. */
export function littleEndianBytes(pixels: Uint16Array | Int16Array | Uint8Array): Uint8Array {
  if (!platformIsLittleEndian) throw new Error('The demo generator needs a little-endian platform');
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

const PIXEL_DATA_TAG = '7FE00010';

export interface WriteDicomPart10Options {
  /**
   * 'append' (default): dcmjs writes everything except PixelData, which we
   * append as the last element ourselves. dcmjs copies bulk values through
   * 256-byte chunks (about 40 ms per MB), which would dominate start-up for
   * ~100 MB of demo pixels. 'dcmjs' writes all of it through dcmjs; the tests
   * check both give identical bytes.
   */
  readonly pixelData?: 'append' | 'dcmjs';
}

/**
 * Writes `dataset` as a DICOM Part 10 file in Explicit VR Little Endian: 128-byte
 * preamble, "DICM", a file meta group derived from SOPClassUID/SOPInstanceUID,
 * then the dataset.
 */
export function writeDicomPart10(dataset: DicomDataset, options: WriteDicomPart10Options = {}): Uint8Array {
  const { SOPClassUID, SOPInstanceUID, PixelData } = dataset;
  if (typeof SOPClassUID !== 'string' || typeof SOPInstanceUID !== 'string') {
    throw new TypeError('A Part 10 file needs string SOPClassUID and SOPInstanceUID');
  }
  const meta = toTagKeyedDataset({
    FileMetaInformationVersion: { vr: 'OB', bytes: new Uint8Array([0, 1]) },
    MediaStorageSOPClassUID: SOPClassUID,
    MediaStorageSOPInstanceUID: SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: READINGROOM_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: READINGROOM_IMPLEMENTATION_VERSION_NAME,
  });
  const appendPixelData = options.pixelData !== 'dcmjs' && PixelData !== undefined;
  const body = toTagKeyedDataset(appendPixelData ? { ...dataset, PixelData: undefined } : dataset);
  const dicomDict = new DicomDict(meta);
  dicomDict.dict = body;
  const written = new Uint8Array(dicomDict.write());
  if (!appendPixelData) return written;
  if (!isBinary(PixelData)) throw new TypeError('PixelData must be binary');
  if (Object.keys(body).some(tag => tag > PIXEL_DATA_TAG)) {
    throw new Error('Elements after PixelData would be out of order when PixelData is appended');
  }
  return appendBinaryElement(written, PIXEL_DATA_TAG, PixelData);
}

/** Explicit VR little-endian OB/OW element: tag, VR, 2 reserved bytes, 32-bit length, value. */
function appendBinaryElement(head: Uint8Array, tag: string, value: DicomBinary): Uint8Array {
  if (value.bytes.byteLength % 2 !== 0) throw new RangeError('Binary values must have an even length');
  const out = new Uint8Array(head.byteLength + 12 + value.bytes.byteLength);
  out.set(head, 0);
  const view = new DataView(out.buffer, head.byteLength, 12);
  view.setUint16(0, parseInt(tag.slice(0, 4), 16), true);
  view.setUint16(2, parseInt(tag.slice(4, 8), 16), true);
  view.setUint8(4, value.vr.charCodeAt(0));
  view.setUint8(5, value.vr.charCodeAt(1));
  view.setUint16(6, 0, true);
  view.setUint32(8, value.bytes.byteLength, true);
  out.set(value.bytes, head.byteLength + 12);
  return out;
}
