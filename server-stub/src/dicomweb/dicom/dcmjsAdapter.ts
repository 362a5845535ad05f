import dcmjs from 'dcmjs';

/**
 * The one door to dcmjs. dcmjs's dataset shape is already close to the PS3.18 JSON model
 * (`{ "GGGGEEEE": { vr, Value } }`), so we keep it and only type it here.
 */
export interface DcmjsElement {
  vr: string;
  Value?: unknown[];
  /** Value as read before dcmjs's formatting (DS as text, SpecificCharacterSet before its UTF-8 rewrite). */
  _rawValue?: unknown;
}
export type DcmjsDataset = Record<string, DcmjsElement>;

export interface DictionaryEntry {
  /** "GGGGEEEE", upper case; repeating groups keep their "xx" (e.g. "60xx3000"). */
  tag: string;
  vr: string;
  keyword: string;
}

// dcmjs logs through loglevel to the console; its warnings may quote values, which stay out of logs.
dcmjs.log.setLevel('error');

/** Parses a DICOM Part 10 byte stream. Throws on anything it cannot read. */
export function readPart10(bytes: Uint8Array): { meta: DcmjsDataset; dataset: DcmjsDataset } {
  // dcmjs wants a whole ArrayBuffer; copy when the bytes are a view (Buffer.slice would not copy).
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : new Uint8Array(bytes).buffer;
  let parsed;
  try {
    parsed = dcmjs.data.DicomMessage.readFile(buffer, { ignoreErrors: false });
  } catch (error) {
    // A character set dcmjs does not handle (e.g. ISO 2022 code extensions) is not a broken file:
    // read again leniently; the structure was already validated by scanDicomLayout.
    if (!/character set/i.test(String(error))) throw error;
    parsed = dcmjs.data.DicomMessage.readFile(buffer, { ignoreErrors: true });
  }
  return { meta: parsed.meta, dataset: parsed.dict };
}

/** Writes a Part 10 file from a file meta group and a dataset (used by fixtures and tools). */
export function writePart10(meta: DcmjsDataset, dataset: DcmjsDataset): Uint8Array {
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = dataset;
  return new Uint8Array(dict.write());
}

const { dictionary, nameMap } = dcmjs.data.DicomMetaDictionary;

/**
 * Data dictionary entry by tag ("GGGGEEEE"); dcmjs resolves repeating groups (60xx...) itself.
 * Ambiguous VRs come back as dcmjs spells them: "ox" (OB or OW), "xs" (US or SS).
 */
export function lookupTag(tag: string): DictionaryEntry | undefined {
  const upper = tag.toUpperCase();
  const entry = dictionary[`(${upper.slice(0, 4)},${upper.slice(4)})`];
  if (entry) return { tag: upper, vr: entry.vr, keyword: entry.name };
  if (upper.endsWith('0000')) return { tag: upper, vr: 'UL', keyword: `${upper.slice(0, 4)}GroupLength` };
  return undefined;
}

/** Data dictionary entry by keyword (e.g. "PatientName"). */
export function lookupKeyword(keyword: string): DictionaryEntry | undefined {
  const entry = Object.prototype.hasOwnProperty.call(nameMap, keyword) ? nameMap[keyword] : undefined;
  if (!entry || !/^\([0-9A-F]{4},[0-9A-F]{4}\)$/i.test(entry.tag)) return undefined;
  return { tag: entry.tag.replace(/[(),]/g, '').toUpperCase(), vr: entry.vr, keyword: entry.name };
}
