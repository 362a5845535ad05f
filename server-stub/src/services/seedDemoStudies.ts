import { describeDemoStudies, generateDemoStudies } from '../demo/generateDemoStudies.js';
import type { DicomService } from './dicom/createDicomService.js';

export interface SeedLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Seeds the synthetic demo studies into an empty DICOM store (first start), reporting progress
 * per study. A store that already holds instances is left alone, so a restart never duplicates.
 */
export async function seedDemoStudies(dicomStore: DicomService, options: { seed: number; log: SeedLog }): Promise<number> {
  if ((await dicomStore.countInstances()) > 0) return 0;
  const studies = describeDemoStudies({ seed: options.seed });
  const total = studies.reduce((n, s) => n + s.instanceCount, 0);
  options.log.info(`Seeding ${studies.length} synthetic demo studies (${total} instances) into an empty store…`);
  const started = Date.now();
  let stored = 0;
  let failed = 0;
  let generated = 0;
  let reportedStudy = '';
  async function* instances() {
    for (const instance of generateDemoStudies({ seed: options.seed })) {
      if (instance.StudyInstanceUID !== reportedStudy) {
        reportedStudy = instance.StudyInstanceUID;
        const study = studies.find(s => s.StudyInstanceUID === instance.StudyInstanceUID);
        options.log.info(`  ${generated}/${total}: ${study?.description ?? 'study'} (${study?.instanceCount ?? '?'} instances)`);
      }
      generated += 1;
      yield instance.bytes;
    }
  }
  for (const result of await dicomStore.storeInstances(instances())) {
    if (result.status === 'failed') failed += 1;
    else stored += 1;
  }
  if (failed > 0) options.log.warn(`${failed} demo instances could not be stored`);
  options.log.info(`Demo studies ready: ${stored} instances in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return stored;
}
