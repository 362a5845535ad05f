import type { DicomDataset } from './dicomPart10.js';

export interface DemoInstance {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  /** The DICOM Part 10 file (preamble, DICM, meta group, dataset). */
  bytes: Uint8Array;
}

export interface DemoStudyDescription {
  StudyInstanceUID: string;
  description: string;
  modality: string;
  instanceCount: number;
}

/** Keys are stable: tests, benchmarks and the CLI select studies by them. */
export type DemoStudyKey = 'ct-chest' | 'ct-chest-prior' | 'cr-chest' | 'mg-screening' | 'mr-brain' | 'us-cine';

/** One demo study; `generate` is lazy and cheap to abandon part way. */
export interface DemoStudyGenerator {
  readonly key: DemoStudyKey;
  describe(options: { seed: number }): DemoStudyDescription;
  /** The study's instances as keyword datasets, before encoding: what the tests inspect. */
  datasets(options: { seed: number }): Generator<DicomDataset>;
  /** The same instances encoded as Part 10 files. */
  generate(options: { seed: number }): Generator<DemoInstance>;
}
