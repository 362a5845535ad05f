import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The built CLI (`npm run build -w @readingroom/server-stub` first). */
export const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface BuiltServer {
  child: ChildProcess;
  url: string;
}

/**
 * Starts `readingroom serve` with `env`; resolves once it says it is ready, rejects if it exits
 * first. `track` gets the process at once, so a test can kill it even if it never becomes ready.
 */
export function startBuiltServer(env: NodeJS.ProcessEnv, track: (child: ChildProcess) => void): Promise<BuiltServer> {
  const output: string[] = [];
  const child = spawn(process.execPath, [cli, 'serve'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready:\n${output.join('')}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = /ReadingRoom is ready: http:\/\/[^:]+:(\d+)/.exec(output.join(''));
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${ready[1]}` });
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

/** SIGKILL (no graceful close, as a crash or an OOM kill) unless it has exited; resolves once it has. */
export function killBuiltServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

/** `readingroom audit verify --json` with `env`: its exit code and report. */
export async function runAuditVerify(env: NodeJS.ProcessEnv): Promise<{ code: number; report: { ok: boolean; records: number; problem?: unknown } }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'audit', 'verify', '--json'], { env: { ...process.env, ...env } });
    return { code: 0, report: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number' || !failed.stdout) throw new Error(`audit verify failed: ${failed.stderr ?? String(error)}`);
    return { code: failed.code, report: JSON.parse(failed.stdout) };
  }
}
