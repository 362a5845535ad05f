import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoStudyDescription } from './demoTypes.js';
import { describeDemoStudies, generateDemoStudies } from './generateDemoStudies.js';

export interface WrittenDemoStudies {
  readonly studies: DemoStudyDescription[];
  readonly files: string[];
  readonly totalBytes: number;
}

/**
 * Writes every demo instance as a Part 10 file under
 * `<dir>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm`.
 * One file is in memory at a time. Existing files with the same names are
 * overwritten (same seed, same bytes), so re-running is harmless.
 */
export async function writeDemoStudies(dir: string, options: { seed: number }): Promise<WrittenDemoStudies> {
  const files: string[] = [];
  let totalBytes = 0;
  const createdDirs = new Set<string>();
  for (const instance of generateDemoStudies(options)) {
    const seriesDir = join(dir, instance.StudyInstanceUID, instance.SeriesInstanceUID);
    if (!createdDirs.has(seriesDir)) {
      await mkdir(seriesDir, { recursive: true });
      createdDirs.add(seriesDir);
    }
    const file = join(seriesDir, `${instance.SOPInstanceUID}.dcm`);
    await writeFile(file, instance.bytes);
    files.push(file);
    totalBytes += instance.bytes.byteLength;
  }
  return { studies: describeDemoStudies(options), files, totalBytes };
}
