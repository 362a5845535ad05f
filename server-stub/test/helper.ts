import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../src/app.js';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  close(): Promise<void>;
}

/** The real app on a fresh SQLite database in a temporary directory; nothing listens. */
export async function buildTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'readingroom-test-'));
  const app = await buildApp(
    {
      host: '127.0.0.1',
      databaseUrl: join(dir, 'test.sqlite'),
      dicomStorageDir: join(dir, 'dicom'),
      devIdentity: true,
      logLevel: 'silent',
      ...overrides,
    } as AppConfig,
    { logger: false },
  );
  await app.ready();
  return {
    app,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
