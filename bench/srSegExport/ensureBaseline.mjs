// The baseline (OHIF 3.13's export code, @cornerstonejs/adapters 5.6.8) lives in bench/baseline,
// installed on first use from its lock file and kept out of the workspaces.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '../support.mjs';

export const baselineDir = join(repositoryRoot, 'bench', 'baseline');

export async function loadBaseline() {
  const modules = join(baselineDir, 'node_modules');
  if (!existsSync(join(modules, '@cornerstonejs', 'adapters'))) {
    console.log('Installing the baseline (@cornerstonejs/adapters 5.6.8 and its peers) into bench/baseline with npm ci…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: baselineDir, stdio: 'inherit' });
  }
  const load = path => import(pathToFileURL(join(modules, path)).href);
  const [core, adapters, dcmjs] = await Promise.all([
    load('@cornerstonejs/core/dist/esm/index.js'),
    load('@cornerstonejs/adapters/dist/esm/index.js'),
    load('dcmjs/build/dcmjs.es.js'),
  ]);
  return { core, adapters, dcmjs: dcmjs.default };
}
