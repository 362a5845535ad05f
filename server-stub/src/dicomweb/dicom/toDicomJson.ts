import type { DcmjsDataset, DcmjsElement } from './dcmjsAdapter.js';
import type { DicomJsonDataset, DicomJsonElement, DicomJsonPersonName, DicomJsonValue } from './dicomJson.js';

export interface ToDicomJsonOptions {
  /** Paths ("7FE00010", "00540016/0/00181072") whose values are sent by reference. */
  bulkPaths: ReadonlySet<string>;
  bulkDataURI(path: string): string;
}

const BINARY = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const NUMBERS = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'UV', 'SV']);

/** dcmjs dataset → PS3.18 Annex F JSON, tags in ascending order. */
export function toDicomJson(dataset: DcmjsDataset, options: ToDicomJsonOptions, prefix = ''): DicomJsonDataset {
  const out: DicomJsonDataset = {};
  for (const key of Object.keys(dataset).sort()) {
    const tag = key.toUpperCase();
    const path = prefix ? `${prefix}/${tag}` : tag;
    out[tag] = toElement(tag, dataset[key]!, path, options);
  }
  return out;
}

function toElement(tag: string, element: DcmjsElement, path: string, options: ToDicomJsonOptions): DicomJsonElement {
  const vr = element.vr;
  if (BINARY.has(vr) || vr === 'ox') return binary(vr === 'ox' ? 'OW' : vr, element, path, options);
  if (vr === 'SQ') {
    const items = (element.Value ?? []) as DcmjsDataset[];
    return items.length === 0 ? { vr } : { vr, Value: items.map((item, i) => toDicomJson(item, options, `${path}/${i}`)) };
  }
  const values = valuesOf(tag, vr, element);
  return values.length === 0 || (values.length === 1 && values[0] === null) ? { vr } : { vr, Value: values };
}

function valuesOf(tag: string, vr: string, element: DcmjsElement): DicomJsonValue[] {
  const values = element.Value ?? [];
  switch (vr) {
    case 'PN':
      return values.map(personName);
    case 'DS':
    case 'IS':
      return rawStrings(element).map(decimal);
    case 'AT':
      return values.map(v => (typeof v === 'number' ? v.toString(16).toUpperCase().padStart(8, '0') : null));
    case 'CS':
      // dcmjs rewrites Specific Character Set to "ISO_IR 192" after decoding; report what the file says.
      return tag === '00080005' ? rawStrings(element).map(text) : values.map(text);
    default:
      if (NUMBERS.has(vr)) return values.map(number);
      return values.map(text);
  }
}

function rawStrings(element: DcmjsElement): unknown[] {
  const raw = element._rawValue;
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') return raw.split('\\');
  return element.Value ?? [];
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(/[\0 ]+$/, '');
  return s === '' ? null : s;
}

/** DS and IS are JSON numbers (PS3.18 F.2.3); a value that is not a number stays text rather than being lost. */
function decimal(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = text(value)?.trim();
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

function number(value: unknown): number | string | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return null;
}

function personName(value: unknown): DicomJsonPersonName | null {
  const groups = typeof value === 'string' ? splitPersonName(value) : (value as DicomJsonPersonName | null);
  if (!groups) return null;
  const out: DicomJsonPersonName = {};
  for (const key of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
    const v = groups[key]?.replace(/[\0 ]+$/, '');
    if (v) out[key] = v;
  }
  return Object.keys(out).length === 0 ? null : out;
}

function splitPersonName(value: string): DicomJsonPersonName {
  const [Alphabetic, Ideographic, Phonetic] = value.split('=');
  return { Alphabetic, Ideographic, Phonetic };
}

function binary(vr: string, element: DcmjsElement, path: string, options: ToDicomJsonOptions): DicomJsonElement {
  if (options.bulkPaths.has(path)) return { vr, BulkDataURI: options.bulkDataURI(path) };
  const chunks = (element.Value ?? []).filter((v): v is ArrayBuffer | Uint8Array => v instanceof ArrayBuffer || ArrayBuffer.isView(v));
  const bytes = Buffer.concat(chunks.map(c => (c instanceof ArrayBuffer ? new Uint8Array(c) : new Uint8Array(c.buffer, c.byteOffset, c.byteLength))));
  return bytes.length === 0 ? { vr } : { vr, InlineBinary: bytes.toString('base64') };
}
