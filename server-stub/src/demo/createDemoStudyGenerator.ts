import type { DemoInstance, DemoStudyDescription, DemoStudyGenerator, DemoStudyKey } from './demoTypes.js';
import type { DicomDataset } from './dicomPart10.js';
import { writeDicomPart10 } from './dicomPart10.js';
import { assertValidSeed } from './seedHash.js';

interface DemoStudySpec {
  readonly key: DemoStudyKey;
  describe(seed: number): DemoStudyDescription;
  datasets(seed: number): Generator<DicomDataset>;
}

function requireUid(dataset: DicomDataset, keyword: string): string {
  const value = dataset[keyword];
  if (typeof value !== 'string') throw new TypeError(`A demo dataset lacks ${keyword}`);
  return value;
}

function* encode(datasets: Generator<DicomDataset>): Generator<DemoInstance> {
  for (const dataset of datasets) {
    yield {
      StudyInstanceUID: requireUid(dataset, 'StudyInstanceUID'),
      SeriesInstanceUID: requireUid(dataset, 'SeriesInstanceUID'),
      SOPInstanceUID: requireUid(dataset, 'SOPInstanceUID'),
      bytes: writeDicomPart10(dataset),
    };
  }
}

/** Wraps a study's dataset generator; encoding and seed checks live here once. */
export function createDemoStudyGenerator(spec: DemoStudySpec): DemoStudyGenerator {
  return {
    key: spec.key,
    describe: ({ seed }) => {
      assertValidSeed(seed);
      return spec.describe(seed);
    },
    datasets: ({ seed }) => {
      assertValidSeed(seed);
      return spec.datasets(seed);
    },
    generate: ({ seed }) => {
      assertValidSeed(seed);
      return encode(spec.datasets(seed));
    },
  };
}
