import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SUPPORTED_OHIF_HOSTS } from '@readingroom/platform-shim';

const run = promisify(execFile);

export interface OhifHost {
  version: string;
  distDir: string;
  integrity: string;
  supported: boolean;
}

interface HostLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Makes the stock @ohif/app dist of `version` available under `cacheDir` and returns where.
 * npm cannot install @ohif/app (some pinned dependencies are not on npm), so we `npm pack`
 * it: npm checks the tarball against the registry's integrity, and for supported versions we
 * also check it against the integrity pinned in platform-shim. Re-runnable: a completed fetch
 * is reused, an interrupted one is discarded.
 */
export async function ensureOhifHost(options: { version: string; cacheDir: string; log: HostLog }): Promise<OhifHost> {
  const { version, cacheDir, log } = options;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(version)) {
    throw new Error(`OHIF_VERSION must be an exact version such as 3.13.2, got "${version}"`);
  }
  const pinned = SUPPORTED_OHIF_HOSTS.find(h => h.version === version);
  const hostDir = join(cacheDir, 'ohif', version);
  const marker = join(hostDir, 'fetched.json');
  if (existsSync(marker)) {
    const recorded = JSON.parse(await readFile(marker, 'utf8')) as { integrity: string };
    return { version, distDir: join(hostDir, 'dist'), integrity: recorded.integrity, supported: Boolean(pinned) };
  }
  if (!pinned) log.warn(`OHIF ${version} is not a supported host version; ReadingRoom is tested with ${SUPPORTED_OHIF_HOSTS.map(h => h.version).join(', ')}`);

  await mkdir(join(cacheDir, 'ohif'), { recursive: true });
  const workDir = await mkdtemp(join(cacheDir, 'ohif', `.fetch-${version}-`));
  try {
    log.info(`Fetching the stock OHIF viewer @ohif/app@${version} with npm pack (about 50 MB, once) ...`);
    const { stdout } = await run('npm', ['pack', `@ohif/app@${version}`, '--json', '--pack-destination', workDir], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; integrity: string }>;
    if (!packed) throw new Error('npm pack reported no tarball');
    if (pinned && packed.integrity !== pinned.integrity) {
      throw new Error(`@ohif/app@${version} integrity mismatch: expected ${pinned.integrity}, npm gave ${packed.integrity}`);
    }
    await run('tar', ['-xzf', join(workDir, packed.filename), '-C', workDir]);
    if (!existsSync(join(workDir, 'package', 'dist', 'index.html'))) {
      throw new Error(`@ohif/app@${version} has no dist/index.html; is it a viewer build?`);
    }
    await rm(hostDir, { recursive: true, force: true });
    await rename(join(workDir, 'package'), hostDir);
    await writeFile(marker, JSON.stringify({ version, integrity: packed.integrity, fetchedAt: new Date().toISOString() }, null, 2));
    log.info(`OHIF ${version} is ready in ${hostDir}`);
    return { version, distDir: join(hostDir, 'dist'), integrity: packed.integrity, supported: Boolean(pinned) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
