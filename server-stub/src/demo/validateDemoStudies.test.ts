// Every demo file is checked by two independent implementations of the
// standard: dicom3tools' dciodvfy (IOD conformance) and dcmtk's dcmdump
// (can it be read back). Both come from Debian: apt-get install -y dicom3tools dcmtk.
import { execFile, spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { WrittenDemoStudies } from './writeDemoStudies.js';
import { writeDemoStudies } from './writeDemoStudies.js';

const run = promisify(execFile);

/**
 * Warnings we accept, each about something the standard leaves open:
 * ViewPosition (0018,5101) is Type 3 in DX Positioning and its list is Defined
 * Terms (extensible); CC and MLO are what mammography modalities write there
 * and what hanging protocols match on, next to the coded ViewCodeSequence.
 */
const ACCEPTED_WARNINGS = [/^Warning - Unrecognized defined term <(CC|MLO)> for value 1 of attribute <View Position>$/];

function requireTool(name: string, debianPackage: string): void {
  const probe = spawnSync(name, ['-h'], { stdio: 'ignore' });
  if (probe.error) throw new Error(`${name} is not installed; install it with: apt-get install -y ${debianPackage}`);
}

async function dciodvfy(file: string): Promise<string[]> {
  let output: string;
  try {
    const { stdout, stderr } = await run('dciodvfy', [file]);
    output = stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}\nError - dciodvfy exited with a failure`;
  }
  return output.split('\n').map(line => line.trim()).filter(line => /^(Error|Warning)/.test(line));
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

let dir: string;
let written: WrittenDemoStudies;

beforeAll(async () => {
  requireTool('dciodvfy', 'dicom3tools');
  requireTool('dcmdump', 'dcmtk');
  dir = await mkdtemp(join(tmpdir(), 'readingroom-demo-'));
  written = await writeDemoStudies(dir, { seed: 31337 });
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo studies on disk', () => {
  it('are written one file per instance under study/series folders', () => {
    const total = written.studies.reduce((n, s) => n + s.instanceCount, 0);
    expect(written.files).toHaveLength(total);
    expect(new Set(written.files).size).toBe(total);
    for (const file of written.files) expect(file.startsWith(dir)).toBe(true);
    expect(written.totalBytes).toBeGreaterThan(50_000_000);
  });

  it('pass dciodvfy with no errors and no unexplained warnings', async () => {
    const findings = await mapWithConcurrency(written.files, Math.max(2, availableParallelism()), async file => ({ file: basename(file), messages: await dciodvfy(file) }));
    const problems = findings.flatMap(({ file, messages }) =>
      messages.filter(message => !ACCEPTED_WARNINGS.some(accepted => accepted.test(message))).map(message => `${file}: ${message}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('are read back by dcmdump, with the UIDs their paths promise and pixel data', async () => {
    const { stdout } = await run('dcmdump', ['-q', '+F', '+P', '0008,0018', '+P', '0020,000e', '+P', '0020,000d', '+P', '7fe0,0010', ...written.files], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const dumps = stdout.split(/^# dcmdump \(\d+\/\d+\): /m).slice(1);
    expect(dumps).toHaveLength(written.files.length);
    for (const dump of dumps) {
      const [file = '', ...lines] = dump.trim().split('\n');
      const value = (tag: string) => lines.find(line => line.startsWith(`(${tag})`))?.match(/\[(.*)\]/)?.[1];
      const [study, series, sop] = file.split('/').slice(-3);
      expect([value('0020,000d'), value('0020,000e'), `${String(value('0008,0018'))}.dcm`]).toEqual([study, series, sop]);
      expect(lines.some(line => /^\(7fe0,0010\) O[BW] /.test(line))).toBe(true);
    }
  }, 60_000);
});
