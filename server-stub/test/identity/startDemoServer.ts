import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, testDialect, type TestDatabaseUrl } from '../testDatabase.js';
import { signInWithPassword, type Tokens } from './signInWithPassword.js';

// The built CLI (`npm run build` comes first in `npm test`), as `npm start` runs it.
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface DemoServer {
  /** http://localhost:<port>: the demo issuer names localhost. */
  url: string;
  issuer: string;
  output: string[];
  signIn(username: string): Promise<Tokens>;
  stop(): Promise<void>;
}

/**
 * `readingroom serve` with the demo identity provider (IDENTITY=demo, the default) on a free
 * loopback port, its own data folder and (on PostgreSQL runs) its own schema.
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'readingroom-identity-'));
  mkdirSync(join(dir, 'ohif'));
  writeFileSync(join(dir, 'ohif', 'index.html'), '<!doctype html>');
  const database: TestDatabaseUrl | undefined = testDialect === 'postgres' ? await createTestDatabaseUrl() : undefined;
  const output: string[] = [];
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), OHIF_DIST_DIR: join(dir, 'ohif'), SEED_DEMO: 'false', IDENTITY: 'demo', ...(database && { DATABASE_URL: database.url }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cleanUp = async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  let port: string;
  try {
    port = await waitUntilReady(child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await cleanUp();
    throw error;
  }
  const url = `http://localhost:${port}`;
  const issuer = `${url}/oidc`;
  return {
    url,
    issuer,
    output,
    signIn: username =>
      signInWithPassword({ issuer, clientId: 'readingroom-viewer', redirectUri: `${url}/callback`, scope: 'openid profile readingroom', username, password: 'demo' }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      await cleanUp();
    },
  };
}

function waitUntilReady(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = /ReadingRoom is ready: http:\/\/[^:]+:(\d+)/.exec(output.join(''));
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output.join('')}`));
    });
  });
}
