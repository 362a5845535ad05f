import type { FullConfig } from '@playwright/test';
import { startServer, type RunningServer } from './startServer';

/**
 * One server per OHIF host version under test, each on its own port and data folder.
 * Tests find theirs through RR_E2E_SERVERS; the returned function stops them all.
 */
export default async function globalSetup(config: FullConfig) {
  const versions = [...new Set(config.projects.map(p => String(p.metadata.ohifVersion)))];
  const servers: RunningServer[] = [];
  try {
    for (const ohifVersion of versions) servers.push(await startServer({ ohifVersion }));
  } catch (error) {
    await Promise.all(servers.map(s => s.stop()));
    throw error;
  }
  process.env.RR_E2E_SERVERS = JSON.stringify(
    Object.fromEntries(versions.map((version, i) => [version, { baseURL: servers[i]!.baseURL, dataDir: servers[i]!.dataDir }])),
  );
  return async () => {
    await Promise.all(servers.map(s => s.stop()));
  };
}
