import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from '../conformance/orthancServer.js';

/** dicom3tools (dciodvfy) and dcmtk (dsrdump, dcmdump), installed with apt-get when missing. */
export function ensureDicomTools(): void {
  ensureDebianPackages({ dicom3tools: '/usr/bin/dciodvfy', dcmtk: '/usr/bin/dsrdump' });
}

function withFile<T>(bytes: Uint8Array, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'readingroom-dicom-'));
  const path = join(dir, 'object.dcm');
  try {
    writeFileSync(path, bytes);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** dciodvfy's findings: lines starting "Error" and "Warning" (it prints everything on stderr). */
export function runDciodvfy(bytes: Uint8Array): { errors: string[]; warnings: string[]; output: string } {
  return withFile(bytes, path => {
    const run = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    const lines = output.split('\n');
    return { errors: lines.filter(l => l.startsWith('Error')), warnings: lines.filter(l => l.startsWith('Warning')), output };
  });
}

/** dsrdump's rendering of an SR and what it warned about (throws when dcmtk cannot read it). */
export function runDsrdump(bytes: Uint8Array): { output: string; warnings: string } {
  return withFile(bytes, path => {
    const run = spawnSync('dsrdump', ['+Pl', '+Pu', path], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`dsrdump failed: ${run.stderr}`);
    return { output: run.stdout, warnings: run.stderr };
  });
}

/** dcmdump's listing (throws when dcmtk cannot read the file). */
export function runDcmdump(bytes: Uint8Array): string {
  return withFile(bytes, path => execFileSync('dcmdump', ['-E', path], { encoding: 'utf8' }));
}
