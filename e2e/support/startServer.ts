import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  baseURL: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server logged, for diagnosing a failed test. */
  log: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real server (`readingroom serve`, as `npm start` does) on a free loopback port with
 * its own data folder, so each host version's run starts from freshly seeded demo studies.
 */
export async function startServer(options: { ohifVersion: string; env?: Record<string, string>; dataDir?: string }): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `readingroom-e2e-${options.ohifVersion}-`));
  const log: string[] = [];
  const child = spawn(process.execPath, [join(repositoryRoot, 'server-stub/dist/cli.js'), 'serve'], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      OHIF_VERSION: options.ohifVersion,
      LOG_LEVEL: 'info',
      // Specs where identity is not the point act as the development user; e2e/identity signs in (IDENTITY=demo).
      IDENTITY: 'development',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server did not start in 240 s:\n${log.join('')}`)), 240_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      const ready = /ReadingRoom is ready: http:\/\/[^:]+:(\d+)\//.exec(text);
      if (ready) {
        clearTimeout(timeout);
        resolve(`http://127.0.0.1:${ready[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timeout);
      reject(new Error(`server exited with code ${code} before it was ready:\n${log.join('')}`));
    });
  });
  return {
    baseURL,
    dataDir,
    process: child,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
