/**
 * DATA_DIR and the database in it by default (docs/configuration.md): loadConfig's, and also
 * all that `readingroom audit verify` needs, which must not load the server's modules to start.
 */
import { isAbsolute, join, resolve } from 'node:path';

export function resolveDataDir(env: NodeJS.ProcessEnv, cwd: string): string {
  const dataDir = env.DATA_DIR ?? 'data';
  return isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir);
}

export function resolveDatabaseUrl(env: NodeJS.ProcessEnv, dataDir: string): string {
  return env.DATABASE_URL ?? join(dataDir, 'readingroom.sqlite');
}
