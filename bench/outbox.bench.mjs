// The durable outbox under a backlog: 10,000 events queued while offline, then drained, against
// a baseline that posts the same 10,000 events straight to the server (same batch size, no
// outbox). Real server, real Chromium, the built shim (platform-shim/dist) on the server origin.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, machineLine, median, repositoryRoot, startServer, tempDir, writeResultSection } from './support.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = 50;
const shimDist = join(repositoryRoot, 'platform-shim', 'dist') + '/';

// The page: the outbox as the plugins build it, plus a direct poster for the baseline.
const PAGE = `<!doctype html><meta charset="utf-8"><title>outbox bench</title>
<script type="module">
  import { createOutbox } from './transport/createOutbox.js';
  import { createApiClient } from './api/createApiClient.js';
  import { createUuidV7 } from './ids/createUuidV7.js';
  // Time spent waiting for the server, to tell it apart from the outbox's own work.
  const client = createApiClient();
  window.requestMs = 0;
  const api = { ...client, async postEvents(...args) {
    const t0 = performance.now();
    try { return await client.postEvents(...args); } finally { window.requestMs += performance.now() - t0; }
  } };
  const makeEvents = n => Array.from({ length: n }, (_, i) => ({
    eventId: createUuidV7(), type: 'audit', occurredAt: new Date().toISOString(),
    payload: { action: 'series.displayed', StudyInstanceUID: '1.2.826.0.1.3680043.8.498.1', SeriesInstanceUID: '1.2.826.0.1.3680043.8.498.' + (i + 2), mode: 'bench' },
  }));
  window.bench = {
    async openOutbox() {
      const session = api.getSession();
      window.outbox = createOutbox({ api, scope: session.then(s => s.user.id) });
      await window.outbox.ready;
      while (!window.outbox.isFlusher()) await new Promise(r => setTimeout(r, 10));
    },
    // Sends as a labeling session would: a steady stream, each send awaited by its caller.
    async queue(n) {
      const events = makeEvents(n);
      const t0 = performance.now();
      for (let i = 0; i < events.length; i += 100) await Promise.all(events.slice(i, i + 100).map(e => window.outbox.send(e)));
      return performance.now() - t0;
    },
    async drain() {
      window.requestMs = 0;
      const t0 = performance.now();
      await window.outbox.flush();
      while (window.outbox.getStatus().pending > 0) { await window.outbox.flush(); await new Promise(r => setTimeout(r, 5)); }
      return { ms: performance.now() - t0, requestMs: window.requestMs, status: window.outbox.getStatus() };
    },
    async postDirect(n, batch) {
      const events = makeEvents(n);
      const clientId = createUuidV7();
      const t0 = performance.now();
      for (let i = 0; i < events.length; i += batch) await api.postEvents(clientId, events.slice(i, i + batch));
      return performance.now() - t0;
    },
  };
  window.benchReady = true;
</script>`;

/**
 * A fresh browser profile on disk per run: an ordinary (not incognito) context, so IndexedDB
 * writes go to disk as they would for a labeler, not to memory.
 */
async function openPage(baseUrl) {
  const profileDir = tempDir('readingroom-bench-profile-');
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  await context.route(`${baseUrl}/__outbox-bench/**`, async route => {
    const path = new URL(route.request().url()).pathname.slice('/__outbox-bench/'.length);
    if (path === 'index.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
    const file = normalize(join(shimDist, path));
    if (!file.startsWith(shimDist)) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: 'text/javascript', body: await readFile(file) });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}/__outbox-bench/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const close = async () => {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  return { page, cdp, close, setOffline: offline => context.setOffline(offline) };
}

/** Runs `work` while sampling the page's JS heap every 50 ms; answers its result and the peaks. */
async function withHeapPeak(cdp, work) {
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.filter(m => m.name.startsWith('JSHeap')).map(m => [m.name, m.value]));
  };
  const before = await heap();
  let peakUsed = before.JSHeapUsedSize;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peakUsed = Math.max(peakUsed, metrics.find(m => m.name === 'JSHeapUsedSize').value);
      await new Promise(r => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await work(), peakUsedMiB: peakUsed / 2 ** 20, baselineUsedMiB: before.JSHeapUsedSize / 2 ** 20 };
  } finally {
    sampling = false;
    await sampler;
  }
}

async function runOutbox(baseUrl) {
  const { page, cdp, close, setOffline } = await openPage(baseUrl);
  try {
    await page.evaluate(() => window.bench.openOutbox());
    await setOffline(true);
    const queued = await withHeapPeak(cdp, () => page.evaluate(n => window.bench.queue(n), EVENTS));
    const pending = await page.evaluate(() => window.outbox.getStatus().pending);
    if (pending !== EVENTS) throw new Error(`expected ${EVENTS} pending offline, found ${pending}`);
    await setOffline(false);
    const drained = await withHeapPeak(cdp, () => page.evaluate(() => window.bench.drain()));
    if (drained.result.status.state !== 'synced' || drained.result.status.rejected !== 0) throw new Error(`drain ended ${JSON.stringify(drained.result.status)}`);
    return {
      queueMs: queued.result,
      queuePeakMiB: queued.peakUsedMiB,
      drainMs: drained.result.ms,
      requestMs: drained.result.requestMs,
      drainPeakMiB: drained.peakUsedMiB,
      idleMiB: queued.baselineUsedMiB,
    };
  } finally {
    await close();
  }
}

async function runDirect(baseUrl) {
  const { page, cdp, close } = await openPage(baseUrl);
  try {
    const posted = await withHeapPeak(cdp, () => page.evaluate(([n, batch]) => window.bench.postDirect(n, batch), [EVENTS, BATCH]));
    return { drainMs: posted.result, drainPeakMiB: posted.peakUsedMiB, idleMiB: posted.baselineUsedMiB };
  } finally {
    await close();
  }
}

export default async function run() {
  const dataDir = tempDir('readingroom-bench-outbox-');
  const server = await startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
  try {
    await runDirect(server.url); // warm-up: server caches, JIT
    const outbox = [];
    const direct = [];
    // Interleaved, alternating which goes first: the server's database grows with every run.
    for (let i = 0; i < RUNS; i++) {
      for (const variant of i % 2 ? ['direct', 'outbox'] : ['outbox', 'direct']) {
        if (variant === 'outbox') outbox.push(await runOutbox(server.url));
        else direct.push(await runDirect(server.url));
      }
      console.log(`run ${i + 1}: outbox ${JSON.stringify(outbox.at(-1))}; direct ${JSON.stringify(direct.at(-1))}`);
    }
    const m = (rows, key) => median(rows.map(r => r[key]));
    const runsOf = (rows, key, digits = 0) => rows.map(r => r[key].toFixed(digits)).join(', ');
    const perSecond = ms => Math.round(EVENTS / (ms / 1000)).toLocaleString('en-US');
    const markdown = `
## Outbox: ${EVENTS.toLocaleString('en-US')} events queued offline, then drained

Command: \`npm run bench -- outbox\` (BENCH_EVENTS=${EVENTS}, BENCH_RUNS=${RUNS}); ${new Date().toISOString().slice(0, 10)}; ${machineLine()}; server on SQLite.
Each run uses a fresh browser profile on disk (an ordinary, not incognito, context: IndexedDB on disk); runs interleaved, alternating which variant goes first. Outbox: the page goes offline (Playwright \`setOffline\`), sends ${EVENTS.toLocaleString('en-US')} audit events
through \`createOutbox\` (100 sends in flight at a time, each resolving once committed to IndexedDB with strict durability), comes back online and flushes
until nothing is pending (batches of ${BATCH}, one request at a time). Baseline: the same number of events posted straight to \`POST /api/v1/events\`
with the API client, ${BATCH} per request, one request at a time, no outbox. Heap: CDP \`Performance.getMetrics\` JSHeapUsedSize, sampled every 50 ms, peak (MiB).

| | Median | Runs |
|---|---|---|
| Outbox: queue offline (time until every send() resolved) | ${m(outbox, 'queueMs').toFixed(0)} ms | ${runsOf(outbox, 'queueMs')} |
| Outbox: drain after reconnect | **${m(outbox, 'drainMs').toFixed(0)} ms** (${perSecond(m(outbox, 'drainMs'))} events/s) | ${runsOf(outbox, 'drainMs')} |
| Outbox: of which waiting for the server's answers | ${m(outbox, 'requestMs').toFixed(0)} ms | ${runsOf(outbox, 'requestMs')} |
| Baseline: post directly, no outbox | **${m(direct, 'drainMs').toFixed(0)} ms** (${perSecond(m(direct, 'drainMs'))} events/s) | ${runsOf(direct, 'drainMs')} |
| Outbox: peak JS heap while queueing | ${m(outbox, 'queuePeakMiB').toFixed(1)} MiB | ${runsOf(outbox, 'queuePeakMiB', 1)} |
| Outbox: peak JS heap while draining | ${m(outbox, 'drainPeakMiB').toFixed(1)} MiB | ${runsOf(outbox, 'drainPeakMiB', 1)} |
| Baseline: peak JS heap while posting | ${m(direct, 'drainPeakMiB').toFixed(1)} MiB | ${runsOf(direct, 'drainPeakMiB', 1)} |
| JS heap of the idle page before the work | ${m(outbox, 'idleMiB').toFixed(1)} MiB | |

Drain time ratio outbox/baseline: **${(m(outbox, 'drainMs') / m(direct, 'drainMs')).toFixed(2)}**. The baseline holds its events in memory and loses them on a
reload or a crash; the outbox reads each batch from IndexedDB and deletes it in one transaction once the server has answered.`;
    writeResultSection('outbox', markdown);
    console.log(markdown);
  } finally {
    await server.stop();
  }
}
