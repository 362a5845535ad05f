import { createHash } from 'node:crypto';
import type { DemoInstance } from './generateDemoStudies.js';
import { demoStudyGenerators, describeDemoStudies, generateDemoStudies, getDemoStudyGenerator } from './generateDemoStudies.js';

const UID = /^2\.25\.(0|[1-9][0-9]{0,38})$/;

interface Digest {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  sha256: string;
  size: number;
}

function digest(instances: Iterable<DemoInstance>): Digest[] {
  return Array.from(instances, ({ bytes, ...uids }) => ({ ...uids, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength }));
}

function checkInstance(instance: DemoInstance): void {
  // The UIDs reported beside the bytes are the ones inside them.
  const text = Buffer.from(instance.bytes.buffer, instance.bytes.byteOffset, Math.min(instance.bytes.byteLength, 8192)).toString('latin1');
  for (const uid of [instance.StudyInstanceUID, instance.SeriesInstanceUID, instance.SOPInstanceUID]) {
    if (!UID.test(uid) || !text.includes(uid)) throw new Error(`Instance ${instance.SOPInstanceUID} does not carry ${uid}`);
  }
}

const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map(method => jest.spyOn(console, method));
const seed = 12345;
const first = digest((function* () {
  for (const instance of generateDemoStudies({ seed })) {
    checkInstance(instance);
    yield instance;
  }
})());

describe('generateDemoStudies', () => {
  it('logs nothing while generating (the data is synthetic, but logs must never carry PHI)', () => {
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('yields exactly the instances describeDemoStudies announces', () => {
    const described = describeDemoStudies({ seed });
    expect(described.map(s => s.modality)).toEqual(['CT', 'CT', 'CR', 'MG', 'MR', 'US']);
    for (const study of described) {
      expect(first.filter(d => d.StudyInstanceUID === study.StudyInstanceUID)).toHaveLength(study.instanceCount);
    }
    expect(first).toHaveLength(described.reduce((n, s) => n + s.instanceCount, 0));
  });

  it('uses valid, unique UIDs', () => {
    expect(new Set(first.map(d => d.SOPInstanceUID)).size).toBe(first.length);
    const series = new Set(first.map(d => d.SeriesInstanceUID));
    const studies = new Set(first.map(d => d.StudyInstanceUID));
    expect(studies.size).toBe(6);
    for (const uid of [...series, ...studies]) expect(uid).toMatch(UID);
    for (const uid of series) expect(studies.has(uid)).toBe(false);
  });

  it('is deterministic: the same seed gives byte-identical files', () => {
    expect(digest(generateDemoStudies({ seed }))).toEqual(first);
  });

  it('gives one study alone the same bytes as within the whole set', () => {
    for (const study of [getDemoStudyGenerator('cr-chest'), getDemoStudyGenerator('us-cine')]) {
      const alone = digest(study.generate({ seed }));
      const { StudyInstanceUID } = study.describe({ seed });
      expect(alone).toEqual(first.filter(d => d.StudyInstanceUID === StudyInstanceUID));
    }
  });

  it('gives a different seed different UIDs (and different pixels)', () => {
    const other = describeDemoStudies({ seed: seed + 1 });
    const mine = new Set(describeDemoStudies({ seed }).map(s => s.StudyInstanceUID));
    for (const study of other) expect(mine.has(study.StudyInstanceUID)).toBe(false);
    const ultrasound = getDemoStudyGenerator('us-cine');
    const [otherInstance] = digest(ultrasound.generate({ seed: seed + 1 }));
    expect(first.some(d => d.SOPInstanceUID === otherInstance!.SOPInstanceUID || d.SeriesInstanceUID === otherInstance!.SeriesInstanceUID)).toBe(false);
    expect(first.some(d => d.sha256 === otherInstance!.sha256)).toBe(false);
  });

  it('rejects a seed that is not a safe integer, at the call', () => {
    expect(() => generateDemoStudies({ seed: 0.5 })).toThrow(RangeError);
    expect(() => describeDemoStudies({ seed: Number.NaN })).toThrow(RangeError);
  });

  it('uses only obviously synthetic patients', () => {
    for (const generator of demoStudyGenerators) {
      const [dataset] = generator.datasets({ seed });
      expect(String(dataset?.PatientName)).toMatch(/^DEMO\^/);
      expect(String(dataset?.PatientID)).toMatch(/^RRDEMO-/);
      expect(String(dataset?.InstitutionName)).toContain('DEMO');
    }
  });
});
