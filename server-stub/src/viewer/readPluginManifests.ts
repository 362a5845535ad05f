import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What each built plugin writes next to its file (see platform-shim/webpack/createPluginConfig.mjs). */
export interface PluginManifest {
  id: string;
  kind: 'extension' | 'mode';
  version: string;
  file: string;
}

export async function readPluginManifests(pluginsDir: string): Promise<PluginManifest[]> {
  let names: string[];
  try {
    names = await readdir(pluginsDir);
  } catch {
    return [];
  }
  const manifests = await Promise.all(
    names
      .filter(name => name.endsWith('.plugin.json'))
      .sort()
      .map(async name => JSON.parse(await readFile(join(pluginsDir, name), 'utf8')) as PluginManifest),
  );
  return manifests.filter(m => (m.kind === 'extension' || m.kind === 'mode') && typeof m.file === 'string');
}
