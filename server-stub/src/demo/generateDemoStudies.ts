// The demo study set: realistic synthetic studies (CT with prior, CR, MG, MR,
// US) seeded on first start, used by tests, benchmarks and `readingroom demo`.
import type { DemoInstance, DemoStudyDescription, DemoStudyGenerator, DemoStudyKey } from './demoTypes.js';
import { assertValidSeed } from './seedHash.js';
import { crChestStudy } from './studies/crChestStudy.js';
import { ctChestPriorStudy, ctChestStudy } from './studies/ctChestStudy.js';
import { mgScreeningStudy } from './studies/mgScreeningStudy.js';
import { mrBrainStudy } from './studies/mrBrainStudy.js';
import { usCineStudy } from './studies/usCineStudy.js';

export type { DemoInstance, DemoStudyDescription, DemoStudyGenerator, DemoStudyKey } from './demoTypes.js';

/** One generator per study, in a fixed order; each can run alone (e.g. only the CT). */
export const demoStudyGenerators: readonly DemoStudyGenerator[] = [
  ctChestStudy,
  ctChestPriorStudy,
  crChestStudy,
  mgScreeningStudy,
  mrBrainStudy,
  usCineStudy,
];

/** One study's generator by key, e.g. getDemoStudyGenerator('ct-chest').generate({ seed }). */
export function getDemoStudyGenerator(key: DemoStudyKey): DemoStudyGenerator {
  const generator = demoStudyGenerators.find(study => study.key === key);
  if (!generator) throw new RangeError(`No demo study "${key}"`);
  return generator;
}

/** Lazily yields every instance of every demo study; the same seed always yields the same bytes. */
export function generateDemoStudies(options: { seed: number }): Generator<DemoInstance> {
  // Checked here, not inside the generator, so a bad seed fails at the call.
  assertValidSeed(options.seed);
  return generateAll(options.seed);
}

function* generateAll(seed: number): Generator<DemoInstance> {
  for (const study of demoStudyGenerators) yield* study.generate({ seed });
}

export function describeDemoStudies(options: { seed: number }): DemoStudyDescription[] {
  assertValidSeed(options.seed);
  return demoStudyGenerators.map(study => study.describe(options));
}
