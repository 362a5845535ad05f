import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway Orthanc (Debian `orthanc` + `orthanc-dicomweb`) on a free loopback port, with its
 * storage and index in a temp dir and no DICOM listener. Installs the packages when missing.
 */
export interface OrthancServer {
  baseUrl: string;
  dicomWebRoot: string;
  stop(): Promise<void>;
}

const PLUGIN_CANDIDATES = ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so', '/usr/lib/orthanc/plugins/libOrthancDicomWeb.so'];

export function ensureDebianPackages(packages: Record<string, string>): void {
  const missing = Object.entries(packages).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  console.warn(`Installing missing Debian packages for the conformance test: ${missing.join(' ')} (apt-get install -y)`);
  try {
    execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', timeout: 300_000 });
  }
}

function findDicomWebPlugin(): string {
  const found = PLUGIN_CANDIDATES.find(existsSync);
  if (found) return found;
  const listed = execFileSync('dpkg', ['-L', 'orthanc-dicomweb'], { encoding: 'utf8' }).split('\n').find(l => l.endsWith('libOrthancDicomWeb.so'));
  if (!listed) throw new Error('libOrthancDicomWeb.so not found');
  return listed;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startOrthanc(): Promise<OrthancServer> {
  ensureDebianPackages({ orthanc: '/usr/sbin/Orthanc', 'orthanc-dicomweb': PLUGIN_CANDIDATES[0]! });
  const dir = mkdtempSync(join(tmpdir(), 'readingroom-orthanc-'));
  const port = await freePort();
  const config = {
    Name: 'readingroom-conformance',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: port,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    HttpCompressionEnabled: false,
    SaveJobs: false,
    StorageCompression: false,
    HttpThreadsCount: 4,
    Plugins: [findDicomWebPlugin()],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false },
  };
  const configPath = join(dir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config));
  const child: ChildProcess = spawn('/usr/sbin/Orthanc', [configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Orthanc exited early: ${stderr}`);
    }
    try {
      if ((await fetch(`${baseUrl}/system`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not start within 30 s: ${stderr}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return { baseUrl, dicomWebRoot: `${baseUrl}/dicom-web`, stop };
}
