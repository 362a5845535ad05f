// Label completion → server acknowledgement, on loopback: one label event per POST /api/v1/events
// against a running `readingroom serve` (SQLite), side by side with a trivial GET /healthz, samples
// interleaved. Also ingest throughput with 500-event batches (label events validated against their
// schema, versioned and hashed). Needs the server build (`npm run bench -- labelAck`).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineLine, median, percentile, repositoryRoot, tempDir, writeResultSection } from './support.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000);
const WARMUP = 200;
const THROUGHPUT_BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const PROJECT = 'bench-lung';
const STUDY = '1.2.826.0.1.3680043.8.498.77';

// UUIDv7-shaped ids (time-ordered) are what the viewer sends; the server only needs them unique.
const eventId = () => randomUUID();

function noduleEvent(labelId, diameter, type = 'label.created') {
  return {
    eventId: eventId(),
    type,
    occurredAt: new Date().toISOString(),
    payload: {
      labelId,
      projectId: PROJECT,
      schemaVersion: 1,
      findingTypeId: 'nodule',
      attributes: { type: 'solid', 'mean-diameter': diameter, lobe: 'rul' },
      status: 'draft',
      scope: 'image',
      StudyInstanceUID: STUDY,
      SeriesInstanceUID: `${STUDY}.1`,
      SOPInstanceUID: `${STUDY}.1.1`,
      geometry: { kind: 'length', toolName: 'Length', points: [[0, 0, 0], [diameter, 0, 0]] },
      measurements: [{ name: 'length', value: diameter, unit: 'mm' }],
    },
  };
}

async function call(url, init) {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${body}`);
  return { ms, body };
}

const postEvents = (base, events) =>
  call(`${base}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), events }) });

async function createProject(base) {
  const { lungNodulesCtSchema } = await import('../server-stub/dist/demo/schemas/lungNodulesCtSchema.js');
  const json = { 'content-type': 'application/json' };
  await call(`${base}/api/v1/projects/${PROJECT}`, { method: 'PUT', headers: json, body: JSON.stringify({ title: 'Benchmark' }) });
  await call(`${base}/api/v1/projects/${PROJECT}/schemas`, { method: 'POST', headers: json, body: JSON.stringify(lungNodulesCtSchema) });
  await call(`${base}/api/v1/projects/${PROJECT}/studies/${STUDY}`, { method: 'PUT' });
}

/** One label event per request, alternating with GET /healthz; every label answer must say "stored". */
async function measureAck(base) {
  const times = { healthz: [], label: [] };
  const labelIds = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const health = await call(`${base}/healthz`);
    // Two thirds new labels, one third edits of an earlier one: what a labeling session sends.
    const edit = i % 3 === 2 && labelIds.length > 0;
    const labelId = edit ? labelIds[labelIds.length - 1] : randomUUID();
    if (!edit) labelIds.push(labelId);
    const label = await postEvents(base, [noduleEvent(labelId, 5 + (i % 20), edit ? 'label.modified' : 'label.created')]);
    if (JSON.parse(label.body).results[0].status !== 'stored') throw new Error(`not stored: ${label.body}`);
    if (i >= WARMUP) {
      times.healthz.push(health.ms);
      times.label.push(label.ms);
    }
  }
  return times;
}

async function measureThroughput(base) {
  const batches = Array.from({ length: THROUGHPUT_BATCHES }, () => Array.from({ length: 500 }, (_, i) => noduleEvent(randomUUID(), 5 + (i % 20))));
  await postEvents(base, batches.pop());
  const started = performance.now();
  for (const batch of batches) await postEvents(base, batch);
  const seconds = (performance.now() - started) / 1000;
  return { events: batches.length * 500, seconds };
}

/**
 * `readingroom serve` on a free loopback port, logging at info as a site would; its output is
 * drained (not kept) once it is ready, so the client's own work stays constant over the run.
 */
function startServer(env) {
  const child = spawn(process.execPath, [join(repositoryRoot, 'server-stub/dist/cli.js'), 'serve'], {
    cwd: repositoryRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', IDENTITY: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = chunk => {
      output += chunk.toString();
      const ready = /ReadingRoom is ready: http:\/\/[^:]+:(\d+)/.exec(output);
      if (!ready) return;
      child.stdout.off('data', onData).resume();
      child.stderr.off('data', onData).resume();
      resolve({ url: `http://127.0.0.1:${ready[1]}`, stop: () => new Promise(done => (child.once('exit', done), child.kill('SIGINT'))) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', code => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

const row = (name, values) =>
  `| ${name} | ${median(values).toFixed(2)} | ${percentile(values, 95).toFixed(2)} | ${percentile(values, 99).toFixed(2)} | ${Math.max(...values).toFixed(2)} |`;

export default async function run() {
  const server = await startServer({ DATA_DIR: tempDir('readingroom-bench-ack-'), SEED_DEMO: 'false' });
  const load = loadavg()[0].toFixed(1);
  try {
    await createProject(server.url);
    const times = await measureAck(server.url);
    const throughput = await measureThroughput(server.url);
    const p95 = percentile(times.label, 95);
    const markdown = `
## Label completion → server acknowledgement

Command: \`npm run bench -- labelAck\` (BENCH_SAMPLES=${SAMPLES}, ${WARMUP} warm-up pairs not counted); ${new Date().toISOString().slice(0, 10)}; ${machineLine()}.
A running \`readingroom serve\` on loopback with embedded SQLite; Node's fetch (keep-alive) as the client; 1-minute load average ${load} at the start (2 cores shared with other work: the baseline shows the contention). Each label sample is
one \`POST /api/v1/events\` carrying one label event (2/3 new nodules, 1/3 edits), validated against its schema version,
versioned and hashed, committed, and answered "stored"; each is paired with a \`GET /healthz\` just before it as the baseline.

| Request (ms) | median | p95 | p99 | max |
|---|---|---|---|---|
${row('GET /healthz (baseline)', times.healthz)}
${row('POST /api/v1/events, one label event', times.label)}

**p95 label acknowledgement: ${p95.toFixed(2)} ms** (goal ≤ 50 ms); ${(p95 - percentile(times.healthz, 95)).toFixed(2)} ms above the baseline's p95.

Ingest throughput over HTTP: ${throughput.events} label events in 500-event batches in ${throughput.seconds.toFixed(2)} s =
**${Math.round(throughput.events / throughput.seconds)} events/s** (each validated against its schema, versioned, SHA-256 of its
RFC 8785 form, stored with its label state in one transaction per batch).
`;
    writeResultSection('label-ack', markdown);
    console.log(markdown);
    return { p95 };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
