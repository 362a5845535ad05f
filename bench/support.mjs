// Shared pieces of the benchmarks: servers, browser, statistics, and the results file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Starts `readingroom serve` on a free loopback port; resolves once it says it is ready. */
export function startServer(env) {
  const output = [];
  const child = spawn(process.execPath, [join(repositoryRoot, 'server-stub/dist/cli.js'), 'serve'], {
    cwd: repositoryRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', IDENTITY: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready:\n${output.join('')}`)), 300_000);
    const onData = chunk => {
      output.push(chunk.toString());
      const ready = /ReadingRoom is ready: http:\/\/[^:]+:(\d+)/.exec(output.join(''));
      if (ready) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${ready[1]}`,
          stop: () => new Promise(done => { child.once('exit', done); child.kill('SIGINT'); }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', code => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${output.join('')}`)); });
  });
}

export const tempDir = prefix => mkdtempSync(join(tmpdir(), prefix));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Replaces the section between `<!-- bench:<id> -->` and `<!-- /bench:<id> -->` in
 * docs/benchmarks.md, so each benchmark rewrites only its own results.
 */
export function writeResultSection(id, markdown) {
  const file = join(repositoryRoot, 'docs', 'benchmarks.md');
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${escape(start)}[\\s\\S]*?${escape(end)}`);
  writeFileSync(file, pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`);
}

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function machineLine() {
  return `Node ${process.version}, ${process.platform}/${process.arch}, Debian Chromium (headless, SwiftShader WebGL)`;
}
