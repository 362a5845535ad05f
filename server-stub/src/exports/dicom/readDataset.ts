import type { CodedConcept } from '@readingroom/platform-shim';
import { lookupKeyword, type DcmjsDataset } from '../../dicomweb/dicom/dcmjsAdapter.js';

/** A dataset as read from a Part 10 file (tag-keyed, dcmjs's model). */
export type ReadDataset = DcmjsDataset;

const tags = new Map<string, string>();

function tagOf(keyword: string): string {
  let tag = tags.get(keyword);
  if (!tag) {
    tag = lookupKeyword(keyword)?.tag;
    if (!tag) throw new Error(`unknown DICOM keyword ${keyword}`);
    tags.set(keyword, tag);
  }
  return tag;
}

/** Values of an element (empty when absent). */
export function valuesOf(dataset: ReadDataset | undefined, keyword: string): unknown[] {
  return dataset?.[tagOf(keyword)]?.Value ?? [];
}

export function readString(dataset: ReadDataset | undefined, keyword: string): string | undefined {
  const value = valuesOf(dataset, keyword)[0];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.replace(/[\0 ]+$/, '');
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * A text value of a single-valued text VR (UT, ST, LT): dcmjs 0.51 splits these at backslashes
 * as if they were multi-valued, but a backslash is an ordinary character in them, so the parts
 * are joined back. Text is returned as stored (no trimming).
 */
export function readText(dataset: ReadDataset | undefined, keyOrTag: string): string | undefined {
  const element = dataset?.[/^[0-9A-F]{8}$/.test(keyOrTag) ? keyOrTag : tagOf(keyOrTag)];
  const values = element?.Value;
  if (!values || values.length === 0 || values.some(v => typeof v !== 'string')) return undefined;
  return (values as string[]).join('\\');
}

export function readNumber(dataset: ReadDataset | undefined, keyword: string): number | undefined {
  const value = valuesOf(dataset, keyword)[0];
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

export function readNumbers(dataset: ReadDataset | undefined, keyword: string): number[] {
  return valuesOf(dataset, keyword).map(v => (typeof v === 'string' ? Number(v) : v)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

export function readItems(dataset: ReadDataset | undefined, keyword: string): ReadDataset[] {
  return valuesOf(dataset, keyword).filter((v): v is ReadDataset => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** The bytes of a binary element (OB/OW), or undefined. */
export function readBytes(dataset: ReadDataset | undefined, keyword: string): Uint8Array | undefined {
  const value = valuesOf(dataset, keyword)[0];
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** The coded concept of a Code Sequence item (Code Value, Long Code Value or URN Code Value). */
export function readCode(item: ReadDataset | undefined): CodedConcept | undefined {
  if (!item) return undefined;
  const CodeValue = readString(item, 'CodeValue') ?? readString(item, 'LongCodeValue') ?? readString(item, 'URNCodeValue');
  const CodingSchemeDesignator = readString(item, 'CodingSchemeDesignator');
  if (!CodeValue || !CodingSchemeDesignator) return undefined;
  return { CodeValue, CodingSchemeDesignator, CodeMeaning: readString(item, 'CodeMeaning') ?? CodeValue };
}

/** The concept in a one-item code sequence attribute. */
export function readCodeSequence(dataset: ReadDataset | undefined, keyword: string): CodedConcept | undefined {
  return readCode(readItems(dataset, keyword)[0]);
}
