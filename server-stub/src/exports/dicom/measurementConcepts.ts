import type { AnnotationKind, CodedConcept } from '@readingroom/platform-shim';
import { concepts, isSameConcept, PRIVATE_SCHEMES } from './concepts.js';

const sct = (CodeValue: string, CodeMeaning: string): CodedConcept => ({ CodeValue, CodingSchemeDesignator: 'SCT', CodeMeaning });

/** Viewer statistics (Cornerstone3D cachedStats names) and the SNOMED CT concepts TID 300/1419 use for them. */
const MEASUREMENTS: Readonly<Record<string, CodedConcept>> = {
  length: sct('410668003', 'Length'),
  area: sct('42798000', 'Area'),
  perimeter: sct('131191004', 'Perimeter'),
  mean: sct('373098007', 'Mean'),
  stdDev: sct('386136009', 'Standard Deviation'),
  max: sct('56851009', 'Maximum'),
  min: sct('255605001', 'Minimum'),
  volume: sct('118565006', 'Volume'),
  diameter: sct('81827009', 'Diameter'),
};

/** Where a kind of geometry gives a statistic a more specific meaning (a bidirectional's two axes). */
const BY_KIND: Partial<Record<AnnotationKind, Readonly<Record<string, CodedConcept>>>> = {
  bidirectional: { length: concepts.longAxis, width: concepts.shortAxis },
};

function privateMeasurement(name: string): CodedConcept {
  return { CodeValue: name, CodingSchemeDesignator: PRIVATE_SCHEMES.measurement.designator, CodeMeaning: name };
}

/**
 * The concept of a label measurement. A concept the schema already uses for one of the finding's
 * attributes is not reused (the private one is), so a NUM always reads back as what it was.
 */
export function conceptForMeasurement(kind: AnnotationKind | undefined, name: string, taken: readonly CodedConcept[]): CodedConcept {
  const standard = (kind && BY_KIND[kind]?.[name]) ?? MEASUREMENTS[name];
  return standard && !taken.some(t => isSameConcept(t, standard)) ? standard : privateMeasurement(name);
}

/** The measurement name a NUM concept stands for, or undefined when it is not a viewer measurement. */
export function measurementNameFor(kind: AnnotationKind | undefined, concept: CodedConcept): string | undefined {
  if (concept.CodingSchemeDesignator === PRIVATE_SCHEMES.measurement.designator) return concept.CodeValue;
  const byKind = kind ? BY_KIND[kind] : undefined;
  const tables = byKind ? [byKind, MEASUREMENTS] : [MEASUREMENTS];
  for (const table of tables) {
    const entry = Object.entries(table).find(([, c]) => isSameConcept(c, concept));
    if (entry) return entry[0];
  }
  return undefined;
}
