import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUuidV7 } from '@readingroom/platform-shim';
import { STUDY, at, labelEvent, nodule, schema } from '../api/labelingFixtures.js';
import { createTestDatabaseUrl, testDialect, type TestDatabaseUrl } from '../testDatabase.js';

// Runs the built CLI (`npm run build` comes first in `npm test`), as `npm start` does.
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

let dir: string;
/** On PostgreSQL runs, the server's DATABASE_URL (a schema of its own); SQLite lives in DATA_DIR otherwise. */
let database: TestDatabaseUrl | undefined;
const started: ChildProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'readingroom-cli-'));
  mkdirSync(join(dir, 'ohif'));
  writeFileSync(join(dir, 'ohif', 'index.html'), '<!doctype html>');
  if (testDialect === 'postgres') database = await createTestDatabaseUrl();
});
afterAll(async () => {
  // A failed test must not leave a server behind (it would keep jest alive).
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function serve(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const output: string[] = [];
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), OHIF_DIST_DIR: join(dir, 'ohif'), SEED_DEMO: 'false', IDENTITY: 'development', ...(database && { DATABASE_URL: database.url }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${output.join('')}`)), 40_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = /ReadingRoom is ready: http:\/\/[^:]+:(\d+)/.exec(chunk.toString());
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${ready[1]}`, output });
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

async function call(url: string, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect([method, path, response.status < 300]).toEqual([method, path, true]);
}

const exitOf = (child: ChildProcess) => new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));

describe('readingroom serve', () => {
  it('keeps labels across a Ctrl-C and a restart, and stops cleanly', async () => {
    const first = await serve();
    const labelId = createUuidV7();
    await call(first.url, 'PUT', '/api/v1/projects/lung', { title: 'Lung nodules' });
    await call(first.url, 'POST', '/api/v1/projects/lung/schemas', schema);
    await call(first.url, 'PUT', `/api/v1/projects/lung/studies/${STUDY}`);
    const response = await fetch(`${first.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: createUuidV7(), events: [labelEvent('label.created', nodule(labelId, 8), at(0))] }),
    });
    expect(((await response.json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe('stored');

    const exited = exitOf(first.child);
    first.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(first.output.join('')).toContain('shutting down');

    const second = await serve();
    const { labels } = (await (await fetch(`${second.url}/api/v1/studies/${STUDY}/labels`)).json()) as { labels: Array<{ labelId: string }> };
    expect(labels.map(l => l.labelId)).toEqual([labelId]);
    const stopped = exitOf(second.child);
    second.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 90_000);

  it('refuses to start on a non-loopback address with the development identity, saying why', async () => {
    await expect(serve({ HOST: '0.0.0.0' })).rejects.toThrow(/exited with 1[\s\S]*development identity is allowed only on loopback/);
  }, 60_000);

  it('names a bad setting and exits non-zero', async () => {
    await expect(serve({ PORT: 'eighty' })).rejects.toThrow(/exited with 1[\s\S]*PORT must be a whole number, got "eighty"/);
  }, 60_000);
});
