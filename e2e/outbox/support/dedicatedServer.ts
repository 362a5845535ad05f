import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../support/findFreePort';
import { startServer, type RunningServer } from '../../support/startServer';

/**
 * A server of this test's own, on a fixed port and data folder, so it can be killed and started
 * again at the same origin (the browser's outbox is per origin) with the same database.
 */
export async function startDedicatedServer(ohifVersion: string) {
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'readingroom-e2e-outbox-'));
  const start = () => startServer({ ohifVersion, dataDir, env: { PORT: String(port), SEED_DEMO: 'false' } });
  let running: RunningServer = await start();
  return {
    baseURL: running.baseURL,
    dataDir,
    /** SIGKILL: no graceful close, as a crash or an OOM kill would do. */
    async kill() {
      const exited = new Promise(resolve => running.process.once('exit', resolve));
      running.process.kill('SIGKILL');
      await exited;
    },
    async restart() {
      running = await start();
    },
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
