import { readPart10 } from '../../src/dicomweb/dicom/dcmjsAdapter.js';
import type { DicomJsonDataset } from '../../src/dicomweb/dicom/dicomJson.js';
import { toDicomJson } from '../../src/dicomweb/dicom/toDicomJson.js';
import { getDemoStudyGenerator, type DemoStudyKey } from '../../src/demo/generateDemoStudies.js';
import { readSourceStudy } from '../../src/exports/source/readSourceStudy.js';
import type { SourceStudy } from '../../src/exports/source/sourceTypes.js';

export const DEMO_SEED = 20261128;

export interface DemoSource {
  StudyInstanceUID: string;
  /** Part 10 files of the study, in order. */
  files: Uint8Array[];
  /** Their WADO-RS metadata (pixel data by reference). */
  metadata: DicomJsonDataset[];
  source: SourceStudy;
}

const cache = new Map<DemoStudyKey, DemoSource>();

/** A demo study as the exports see it (test fixture; generated once per test file). */
export function loadDemoSource(key: DemoStudyKey): DemoSource {
  const cached = cache.get(key);
  if (cached) return cached;
  const files: Uint8Array[] = [];
  const metadata: DicomJsonDataset[] = [];
  for (const instance of getDemoStudyGenerator(key).generate({ seed: DEMO_SEED })) {
    files.push(instance.bytes);
    const { dataset } = readPart10(instance.bytes);
    metadata.push(toDicomJson(dataset, { bulkPaths: new Set(['7FE00010']), bulkDataURI: path => `bulk/${path}` }));
  }
  const StudyInstanceUID = getDemoStudyGenerator(key).describe({ seed: DEMO_SEED }).StudyInstanceUID;
  const loaded = { StudyInstanceUID, files, metadata, source: readSourceStudy(StudyInstanceUID, metadata) };
  cache.set(key, loaded);
  return loaded;
}
