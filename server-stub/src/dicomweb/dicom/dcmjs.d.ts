// Ambient types for the small part of dcmjs (which ships no types) that dcmjsAdapter.ts uses.
// Everything else in the server talks to dcmjsAdapter.ts, never to dcmjs directly.
declare module 'dcmjs' {
  interface DcmjsElement {
    vr: string;
    Value?: unknown[];
    _rawValue?: unknown;
  }
  type DcmjsDataset = Record<string, DcmjsElement>;
  interface DcmjsDictionaryEntry {
    tag: string;
    vr: string;
    vm: string;
    name: string;
  }
  interface DcmjsDicomDict {
    meta: DcmjsDataset;
    dict: DcmjsDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  interface DcmjsReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }
  const dcmjs: {
    data: {
      DicomDict: new (meta: DcmjsDataset) => DcmjsDicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: DcmjsReadOptions): DcmjsDicomDict };
      DicomMetaDictionary: {
        dictionary: Record<string, DcmjsDictionaryEntry | undefined>;
        nameMap: Record<string, DcmjsDictionaryEntry | undefined>;
      };
    };
    log: { setLevel(level: string): void };
  };
  export default dcmjs;
}
