import { TextDecoder } from 'node:util';
import { readPart10, type DcmjsDataset, type DcmjsElement } from '../../dicomweb/dicom/dcmjsAdapter.js';

const TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN']);
const SPECIFIC_CHARACTER_SET = '00080005';
const LABELS: Record<string, string> = { 'ISO_IR 192': 'utf-8', 'ISO_IR 100': 'iso-8859-1' };

// dcmjs decodes items with WHATWG "latin1" (windows-1252): a one-to-one map of the 256 bytes.
let windows1252: Map<string, number> | undefined;
function toBytes(text: string): Uint8Array {
  windows1252 ??= new Map(Array.from({ length: 256 }, (_, b) => [new TextDecoder('latin1').decode(Uint8Array.of(b)), b]));
  return Uint8Array.from([...text].map(c => windows1252!.get(c) ?? 0x3f));
}

function redecode(value: unknown, decoder: TextDecoder): unknown {
  if (typeof value === 'string') return decoder.decode(toBytes(value));
  if (value && typeof value === 'object' && 'Alphabetic' in value) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? decoder.decode(toBytes(v)) : v]));
  }
  return value;
}

function repairItems(dataset: DcmjsDataset, decoder: TextDecoder, nested: boolean): void {
  for (const element of Object.values(dataset) as DcmjsElement[]) {
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as DcmjsDataset[]) repairItems(item, decoder, true);
    } else if (nested && TEXT_VRS.has(element.vr) && element.Value) {
      element.Value = element.Value.map(v => redecode(v, decoder));
    }
  }
}

/**
 * Reads an SR or SEG. dcmjs 0.51 applies Specific Character Set to the top-level dataset only
 * and decodes text inside sequence items as windows-1252; an SR keeps nearly all its text in
 * items, so that text is decoded again here with the character set the file declares.
 */
export function readDicomObject(bytes: Uint8Array): DcmjsDataset {
  const { dataset } = readPart10(bytes);
  const raw = dataset[SPECIFIC_CHARACTER_SET]?._rawValue;
  const declared = (Array.isArray(raw) ? raw[0] : raw) as string | undefined;
  const label = declared ? LABELS[declared.trim()] : undefined;
  if (label && label !== 'iso-8859-1') repairItems(dataset, new TextDecoder(label), false);
  return dataset;
}
