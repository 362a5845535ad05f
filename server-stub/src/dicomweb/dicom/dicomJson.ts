/** The PS3.18 Annex F JSON model: `{ "GGGGEEEE": { vr, Value | BulkDataURI | InlineBinary } }`. */
export interface DicomJsonPersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}
export type DicomJsonValue = string | number | DicomJsonPersonName | DicomJsonDataset | null;
export interface DicomJsonElement {
  vr: string;
  Value?: DicomJsonValue[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomJsonDataset = { [tag: string]: DicomJsonElement };

/** First value of an element as text (PN: its alphabetic group), or undefined. */
export function getString(dataset: DicomJsonDataset | undefined, tag: string): string | undefined {
  const value = dataset?.[tag]?.Value?.[0];
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('Alphabetic' in value || 'Ideographic' in value || 'Phonetic' in value) return (value as DicomJsonPersonName).Alphabetic;
  return undefined;
}

export function getNumber(dataset: DicomJsonDataset | undefined, tag: string): number | undefined {
  const value = dataset?.[tag]?.Value?.[0];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
