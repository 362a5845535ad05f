import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JsonWebKey } from 'node:crypto';

export interface DemoKeys {
  /** The provider's private signing key (RS256), as a JWK with its kid. */
  signingKey: JsonWebKey & { kid: string; alg: string; use: string };
  /** Signs the provider's cookies. */
  cookieKey: string;
}

/**
 * The demo provider's keys, kept in a file (mode 0600) so that tokens and sign-in sessions
 * survive a server restart; without a file they live as long as the process.
 */
export async function loadDemoKeys(file: string | undefined): Promise<DemoKeys> {
  if (file) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as DemoKeys;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const keys = createDemoKeys();
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
      // Another process of the same data folder wrote it first: use theirs.
      if (error.code !== 'EEXIST') throw error;
    });
    return JSON.parse(await readFile(file, 'utf8')) as DemoKeys;
  }
  return keys;
}

function createDemoKeys(): DemoKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return { signingKey: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }, cookieKey: randomBytes(32).toString('base64url') };
}
