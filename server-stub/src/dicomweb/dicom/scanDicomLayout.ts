import { lookupTag } from './dcmjsAdapter.js';
import type { ByteSource } from './byteSource.js';
import { getTransferSyntax } from './transferSyntaxes.js';

/** The bytes are not a well-formed DICOM Part 10 file; the message names tags and offsets only, never values. */
export class DicomFormatError extends Error {
  override name = 'DicomFormatError';
}

/** Where one value sits in the file; bulk data is served from here without reading the rest. */
export interface BulkLocation {
  /** Tags and item indices from the top level, e.g. "7FE00010" or "00540016/0/00181072". */
  path: string;
  vr: string;
  /** Byte ranges [offset, length] whose concatenation is the value (several for nested encapsulated data). */
  ranges: Array<[number, number]>;
}

export interface EncapsulatedPixelData {
  basicOffsetTable: number[];
  /** Offset of the first fragment's item tag: Basic Offset Table entries count from there. */
  firstFragmentItemOffset: number;
  /** Item offsets (tag position) and value ranges of every fragment after the offset table. */
  fragments: Array<{ itemOffset: number; offset: number; length: number }>;
}

export interface PixelDataLocation {
  tag: string;
  vr: string;
  /** From the element's tag to the end of its value (sequence delimiter included). */
  elementStart: number;
  elementEnd: number;
  valueOffset: number;
  valueLength: number;
  encapsulated?: EncapsulatedPixelData;
}

export interface DicomLayout {
  transferSyntaxUID: string;
  datasetOffset: number;
  pixelData?: PixelDataLocation;
  /** Top-level elements of the 7FE0 group (offset tables, pixel data) by tag. */
  pixelGroup: Map<string, { vr: string; offset: number; length: number }>;
  bulk: BulkLocation[];
}

/** Binary values longer than this are sent as BulkDataURI rather than InlineBinary. */
export const BULK_DATA_THRESHOLD = 1024;

const UNDEFINED_LENGTH = 0xffffffff;
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const PIXEL_DATA_TAGS = new Set(['7FE00010', '7FE00008', '7FE00009']);
const MAX_DEPTH = 32;

interface Header {
  group: number;
  element: number;
  tag: string;
  vr: string;
  length: number;
  headerLength: number;
}

/** Reads ahead in windows so walking thousands of small elements costs few reads. */
class Cursor {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  constructor(private readonly source: ByteSource, private readonly chunk = 64 * 1024) {}

  get size() {
    return this.source.size;
  }

  async bytes(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || offset + length > this.source.size) {
      throw new DicomFormatError(`truncated: needs ${length} bytes at offset ${offset}, file has ${this.source.size}`);
    }
    const relative = offset - this.windowStart;
    if (relative >= 0 && relative + length <= this.window.length) return this.window.subarray(relative, relative + length);
    const size = Math.min(Math.max(length, this.chunk), this.source.size - offset);
    this.window = await this.source.read(offset, size);
    this.windowStart = offset;
    return this.window.subarray(0, length);
  }
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function uint16(b: Uint8Array, at: number, le: boolean) {
  return le ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!;
}
function uint32(b: Uint8Array, at: number, le: boolean) {
  return le
    ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
    : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function implicitVR(tag: string, group: number, element: number, length: number): string {
  const known = lookupTag(tag)?.vr;
  if (known === 'ox') return 'OW';
  if (known === 'xs') return 'US';
  if (known) return known;
  if (length === UNDEFINED_LENGTH) return 'SQ';
  if (group % 2 === 1 && element >= 0x10 && element <= 0xff) return 'LO';
  return 'UN';
}

class Walker {
  readonly bulk: BulkLocation[] = [];
  readonly pixelGroup = new Map<string, { vr: string; offset: number; length: number }>();
  pixelData?: PixelDataLocation;

  constructor(
    private readonly cursor: Cursor,
    private implicit: boolean,
    private readonly le: boolean,
  ) {}

  async header(pos: number, implicit = this.implicit, le = this.le): Promise<Header> {
    const b = await this.cursor.bytes(pos, 8);
    const group = uint16(b, 0, le);
    const element = uint16(b, 2, le);
    const tag = hex4(group) + hex4(element);
    if (group === 0xfffe) return { group, element, tag, vr: '', length: uint32(b, 4, le), headerLength: 8 };
    if (implicit) {
      const length = uint32(b, 4, le);
      return { group, element, tag, vr: implicitVR(tag, group, element, length), length, headerLength: 8 };
    }
    const vr = String.fromCharCode(b[4]!, b[5]!);
    if (!/^[A-Z]{2}$/.test(vr)) throw new DicomFormatError(`invalid VR at offset ${pos} in element (${hex4(group)},${hex4(element)})`);
    if (!LONG_VRS.has(vr)) return { group, element, tag, vr, length: uint16(b, 6, le), headerLength: 8 };
    const long = await this.cursor.bytes(pos, 12);
    return { group, element, tag, vr, length: uint32(long, 8, le), headerLength: 12 };
  }

  /** Walks elements until `end` (defined length) or an item delimiter (undefined length); returns where it stopped. */
  async dataset(start: number, end: number | undefined, depth: number, prefix: string): Promise<number> {
    if (depth > MAX_DEPTH) throw new DicomFormatError('sequences nested too deeply');
    let pos = start;
    for (;;) {
      if (end !== undefined) {
        if (pos === end) return pos;
        if (pos > end) throw new DicomFormatError(`element at offset ${pos} overruns its item`);
      } else if (depth === 0 && pos >= this.cursor.size) {
        return pos;
      }
      const h = await this.header(pos);
      if (h.group === 0xfffe) {
        if (h.element === 0xe00d && end === undefined && depth > 0) return pos + 8;
        throw new DicomFormatError(`unexpected delimiter (FFFE,${hex4(h.element)}) at offset ${pos}`);
      }
      pos = await this.element(pos, h, depth, prefix ? `${prefix}/${h.tag}` : h.tag, end);
    }
  }

  private async element(pos: number, h: Header, depth: number, path: string, end: number | undefined): Promise<number> {
    const valueOffset = pos + h.headerLength;
    const isPixelData = PIXEL_DATA_TAGS.has(h.tag);
    if (h.length === UNDEFINED_LENGTH) {
      if (isPixelData && h.vr !== 'SQ') {
        const encapsulated = await this.fragments(valueOffset);
        if (depth === 0) {
          this.pixelData = {
            tag: h.tag, vr: h.vr, elementStart: pos, elementEnd: encapsulated.end,
            valueOffset, valueLength: encapsulated.end - valueOffset, encapsulated: encapsulated.pixelData,
          };
        }
        const ranges = encapsulated.pixelData.fragments.map(f => [f.offset, f.length] as [number, number]);
        this.bulk.push({ path, vr: h.vr, ranges });
        return encapsulated.end;
      }
      if (h.vr === 'UN' && !this.implicit) {
        // An undefined-length UN is a sequence encoded in implicit VR little endian (PS3.5 6.2.2).
        this.implicit = true;
        try {
          return await this.sequence(valueOffset, undefined, depth, path);
        } finally {
          this.implicit = false;
        }
      }
      if (h.vr === 'SQ' || this.implicit) return this.sequence(valueOffset, undefined, depth, path);
      throw new DicomFormatError(`undefined length on a ${h.vr} element (${h.tag.slice(0, 4)},${h.tag.slice(4)})`);
    }
    const valueEnd = valueOffset + h.length;
    if (valueEnd > (end ?? this.cursor.size)) {
      throw new DicomFormatError(`truncated: element (${h.tag.slice(0, 4)},${h.tag.slice(4)}) needs ${h.length} bytes at offset ${valueOffset}`);
    }
    if (h.vr === 'SQ') return this.sequence(valueOffset, valueEnd, depth, path);
    if (depth === 0 && h.group === 0x7fe0) this.pixelGroup.set(h.tag, { vr: h.vr, offset: valueOffset, length: h.length });
    if (depth === 0 && isPixelData) {
      this.pixelData = { tag: h.tag, vr: h.vr, elementStart: pos, elementEnd: valueEnd, valueOffset, valueLength: h.length };
    }
    if (BINARY_VRS.has(h.vr) && ((isPixelData && depth === 0) || h.length > BULK_DATA_THRESHOLD)) {
      this.bulk.push({ path, vr: h.vr, ranges: [[valueOffset, h.length]] });
    }
    return valueEnd;
  }

  private async sequence(start: number, end: number | undefined, depth: number, path: string): Promise<number> {
    let pos = start;
    for (let index = 0; ; index++) {
      if (end !== undefined && pos === end) return pos;
      if (end !== undefined && pos > end) throw new DicomFormatError(`item at offset ${pos} overruns its sequence`);
      const h = await this.header(pos);
      if (h.group === 0xfffe && h.element === 0xe0dd && end === undefined) return pos + 8;
      if (h.group !== 0xfffe || h.element !== 0xe000) throw new DicomFormatError(`expected a sequence item at offset ${pos}`);
      const itemStart = pos + 8;
      if (h.length === UNDEFINED_LENGTH) {
        pos = await this.dataset(itemStart, undefined, depth + 1, `${path}/${index}`);
      } else {
        if (itemStart + h.length > (end ?? this.cursor.size)) throw new DicomFormatError(`truncated: item at offset ${pos}`);
        pos = await this.dataset(itemStart, itemStart + h.length, depth + 1, `${path}/${index}`);
      }
    }
  }

  /** Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item, fragment items, a sequence delimiter. */
  private async fragments(start: number): Promise<{ end: number; pixelData: EncapsulatedPixelData }> {
    const items: Array<{ itemOffset: number; offset: number; length: number }> = [];
    let pos = start;
    for (;;) {
      // Encapsulated transfer syntaxes are little endian, and fragment items carry no VR.
      const h = await this.header(pos, true, true);
      if (h.group === 0xfffe && h.element === 0xe0dd) {
        pos += 8;
        break;
      }
      if (h.group !== 0xfffe || h.element !== 0xe000 || h.length === UNDEFINED_LENGTH) {
        throw new DicomFormatError(`expected a pixel data fragment item at offset ${pos}`);
      }
      if (pos + 8 + h.length > this.cursor.size) throw new DicomFormatError(`truncated: pixel data fragment at offset ${pos}`);
      items.push({ itemOffset: pos, offset: pos + 8, length: h.length });
      pos += 8 + h.length;
    }
    const [table, ...fragments] = items;
    if (!table) throw new DicomFormatError('encapsulated pixel data without a Basic Offset Table item');
    const basicOffsetTable: number[] = [];
    if (table.length > 0) {
      const b = await this.cursor.bytes(table.offset, table.length - (table.length % 4));
      for (let at = 0; at + 4 <= b.length; at += 4) basicOffsetTable.push(uint32(b, at, true));
    }
    return {
      end: pos,
      pixelData: { basicOffsetTable, firstFragmentItemOffset: fragments[0]?.itemOffset ?? pos, fragments },
    };
  }
}

/** File meta group (PS3.10 7.1): always explicit VR little endian, starting after the 128-byte preamble. */
async function readMeta(cursor: Cursor, walker: Walker): Promise<{ transferSyntaxUID: string; datasetOffset: number }> {
  if (cursor.size < 132) throw new DicomFormatError('not a DICOM Part 10 file: shorter than the preamble');
  const magic = await cursor.bytes(128, 4);
  if (String.fromCharCode(...magic) !== 'DICM') throw new DicomFormatError('not a DICOM Part 10 file: no "DICM" prefix');
  let pos = 132;
  let transferSyntaxUID: string | undefined;
  while (pos + 8 <= cursor.size) {
    const group = await cursor.bytes(pos, 2);
    if (uint16(group, 0, true) !== 0x0002) break;
    const h = await walker.header(pos, false, true);
    if (h.length === UNDEFINED_LENGTH) throw new DicomFormatError('bad file meta information: undefined length');
    const value = await cursor.bytes(pos + h.headerLength, h.length);
    if (h.element === 0x0010) transferSyntaxUID = String.fromCharCode(...value).replace(/[\0 ]+$/, '');
    pos += h.headerLength + h.length;
  }
  if (pos === 132) throw new DicomFormatError('bad file meta information: no group 0002 elements');
  if (!transferSyntaxUID) throw new DicomFormatError('bad file meta information: no Transfer Syntax UID (0002,0010)');
  return { transferSyntaxUID, datasetOffset: pos };
}

/**
 * Walks a Part 10 file element by element without decoding values: validates its structure
 * (truncation, bad items) and records where pixel data, fragments and other bulk values are.
 */
export async function scanDicomLayout(source: ByteSource): Promise<DicomLayout> {
  const cursor = new Cursor(source);
  const { transferSyntaxUID, datasetOffset } = await readMeta(cursor, new Walker(cursor, false, true));
  const ts = getTransferSyntax(transferSyntaxUID);
  if (ts.deflated) throw new UnsupportedTransferSyntaxError(transferSyntaxUID);
  const walker = new Walker(cursor, ts.implicitVR, ts.littleEndian);
  await walker.dataset(datasetOffset, undefined, 0, '');
  return { transferSyntaxUID, datasetOffset, pixelData: walker.pixelData, pixelGroup: walker.pixelGroup, bulk: walker.bulk };
}

export class UnsupportedTransferSyntaxError extends Error {
  override name = 'UnsupportedTransferSyntaxError';
  constructor(readonly transferSyntaxUID: string) {
    super(`transfer syntax ${transferSyntaxUID} is not supported for storage (deflated datasets cannot be indexed)`);
  }
}
