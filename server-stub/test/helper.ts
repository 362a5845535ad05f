import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../src/app.js';
import { createTestDatabaseUrl } from './testDatabase.js';

export { openTestDatabase, testDialect } from './testDatabase.js';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (SQLite in a temporary directory, or a PostgreSQL schema of
 * its own when READINGROOM_TEST_DATABASE=postgres); nothing listens.
 */
export async function buildTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'readingroom-test-'));
  const database = overrides.databaseUrl ? undefined : await createTestDatabaseUrl();
  const cleanUp = async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  let app: FastifyInstance;
  try {
    app = await buildApp(
      {
        host: '127.0.0.1',
        databaseUrl: database?.url,
        dicomStorageDir: join(dir, 'dicom'),
        identity: { mode: 'development' },
        logLevel: 'silent',
        databasePoolMax: 4,
        ...overrides,
      } as AppConfig,
      { logger: false },
    );
    await app.ready();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    app,
    dir,
    async close() {
      await app.close();
      await cleanUp();
    },
  };
}
