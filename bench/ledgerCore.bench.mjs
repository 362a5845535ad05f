// Audit ledger core: how fast `readingroom audit verify`'s engine checks records, and how
// fast Merkle roots and proofs come out of a 10^6-leaf tree. Needs the server build
// (`npm run bench -- ledgerCore`, or `npx tsc -b server-stub && node bench/ledgerCore.bench.mjs`).
//
// Verification runs in worker threads: each worker checks whole pages (summarizeRecordPage:
// canonical JSON, leaf hashes, chain links, the page's compact range) and the main thread
// joins the summaries in order (LedgerVerifier.pushPageSummary: links between pages, signed
// checkpoints, consistency proofs). "1 worker" is the single-threaded figure.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const core = await import('../server-stub/dist/ledger/core/index.js');
const fixtures = await import('../server-stub/dist/ledger/core/testing/createTestLedger.js');

const RECORDS = Number(process.env.LEDGER_BENCH_RECORDS ?? 200_000);
const PAGE = 10_000;
const CHECKPOINT_EVERY = 50_000;
const TREE_LEAVES = Number(process.env.LEDGER_BENCH_TREE_LEAVES ?? 1_000_000);
const ROUNDS = 3;
// A larger young generation halves the time the verifier spends in scavenges (it allocates
// a few short strings and buffers per record); `audit verify` should start its workers so.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192 };

if (!isMainThread && workerData?.ledgerCoreBench) runWorker();

/** Worker: holds its pages (objects, or JSON text as a database would hand them over) and summarizes them on request. */
function runWorker() {
  const pages = new Map();
  parentPort.on('message', message => {
    if (message.type === 'page') pages.set(message.startIndex, message.body);
    if (message.type === 'sync') parentPort.postMessage({ type: 'synced' });
    if (message.type === 'clear') pages.clear();
    if (message.type === 'go') {
      const cpuBefore = readThreadCpuSeconds();
      for (const [startIndex, body] of pages) {
        const records = typeof body === 'string' ? JSON.parse(body) : body;
        parentPort.postMessage(core.summarizeRecordPage(records, startIndex));
      }
      parentPort.postMessage({ type: 'cpu', seconds: readThreadCpuSeconds() - cpuBefore });
    }
  });
}

/**
 * CPU time of the calling thread (Linux: utime + stime of /proc/thread-self/stat, in 10 ms
 * ticks). The machine these figures come from is shared, so wall time says as much about
 * the neighbours as about the verifier; per-thread CPU time does not.
 */
function readThreadCpuSeconds() {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function createLedger() {
  const keys = core.generateNoteKeyPair(fixtures.TEST_ORIGIN);
  const signer = core.parseSignerKey(keys.signerKey);
  const range = new core.CompactRange();
  const records = [];
  const checkpoints = [];
  let chain = core.GENESIS_CHAIN_HASH;
  for (let seq = 1; seq <= RECORDS; seq++) {
    const record = core.sealRecord(fixtures.createTestRecordContent(seq), chain);
    records.push(record);
    chain = record.chainHash;
    range.appendLeaf(Buffer.from(record.leafHash, 'hex'));
    if (seq % CHECKPOINT_EVERY === 0 || seq === RECORDS) {
      checkpoints.push(core.signCheckpoint({ origin: fixtures.TEST_ORIGIN, treeSize: seq, rootHash: range.getRootHash() }, signer));
    }
  }
  return { records, checkpoints, verifierKey: keys.verifierKey };
}

/** Pages of at most PAGE records that end at every checkpoint size. */
function planPages(total) {
  const pages = [];
  for (let start = 0; start < total; ) {
    const nextCheckpoint = (Math.floor(start / CHECKPOINT_EVERY) + 1) * CHECKPOINT_EVERY;
    const end = Math.min(total, start + PAGE, nextCheckpoint);
    pages.push({ start, end });
    start = end;
  }
  return pages;
}

function startWorkers(count) {
  return Array.from(
    { length: count },
    () => new Worker(fileURLToPath(import.meta.url), { workerData: { ledgerCoreBench: true }, resourceLimits: WORKER_LIMITS }),
  );
}

/** One full verification: pages handed to the workers (untimed), then checked and joined (timed). */
/** How the records reach the verifier; `prepare` runs before the clock starts, the rest is timed. */
const INPUTS = [
  { name: 'record fields', prepare: records => records },
  { name: 'record fields, JSON text parsed in the worker', prepare: records => JSON.stringify(records) },
  { name: 'canonical content as stored text', prepare: records => records.map(core.toCanonicalRecord) },
];

async function verifyWithWorkers(workers, ledger, input) {
  const pages = planPages(ledger.records.length);
  pages.forEach((page, i) => {
    const body = input.prepare(ledger.records.slice(page.start, page.end));
    workers[i % workers.length].postMessage({ type: 'page', startIndex: page.start, body });
  });
  // Round trip once so every worker holds its pages before the clock starts.
  await Promise.all(workers.map(w => new Promise(resolve => {
    w.once('message', resolve);
    w.postMessage({ type: 'sync' });
  })));
  const verifier = new core.LedgerVerifier({ origin: fixtures.TEST_ORIGIN, verifierKeys: [ledger.verifierKey], checkpoints: ledger.checkpoints });
  const waiting = new Map();
  const workerCpu = [];
  let next = 0;
  const mainCpuBefore = readThreadCpuSeconds();
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const onSummary = summary => {
      if (summary.type === 'cpu') workerCpu.push(summary.seconds);
      else waiting.set(summary.startIndex, summary);
      for (let ready = waiting.get(pages[next]?.start); ready; ready = waiting.get(pages[next]?.start)) {
        waiting.delete(ready.startIndex);
        verifier.pushPageSummary(ready);
        next++;
      }
      if (next === pages.length && workerCpu.length === workers.length) {
        workers.forEach(w => w.off('message', onSummary).off('error', reject));
        resolve();
      }
    };
    workers.forEach(w => w.on('message', onSummary).on('error', reject).postMessage({ type: 'go' }));
  });
  const report = verifier.finish();
  const seconds = (performance.now() - started) / 1000;
  const mainCpu = readThreadCpuSeconds() - mainCpuBefore;
  workers.forEach(w => w.postMessage({ type: 'clear' }));
  if (!report.ok || report.records !== ledger.records.length) throw new Error(`verification failed: ${JSON.stringify(report)}`);
  // With a core per thread, the run would take as long as its busiest thread.
  return { seconds, cpuBoundSeconds: Math.max(mainCpu, ...workerCpu) };
}

function measureTree() {
  const started = performance.now();
  const tree = new core.InMemoryMerkleTree();
  for (let i = 0; i < TREE_LEAVES; i++) tree.appendLeafHash(core.hashLeaf(`leaf ${i}`));
  const buildSeconds = (performance.now() - started) / 1000;
  let seed = 12345;
  const random = below => (seed = (seed * 48271) % 2147483647) % below;
  const time = (count, fn) => {
    const t = performance.now();
    for (let i = 0; i < count; i++) fn();
    return ((performance.now() - t) / count) * 1000;
  };
  const rootUs = time(1000, () => tree.getRootHash(1 + random(TREE_LEAVES)));
  const inclusionUs = time(1000, () => {
    const size = 1 + random(TREE_LEAVES);
    const index = random(size);
    const proof = tree.proveInclusion(index, size);
    const ok = core.verifyInclusionProof({ leafIndex: index, treeSize: size, leafHash: core.hashLeaf(`leaf ${index}`), proof, rootHash: tree.getRootHash(size) });
    if (!ok) throw new Error('inclusion proof failed');
  });
  const consistencyUs = time(1000, () => {
    const newSize = 2 + random(TREE_LEAVES - 1);
    const oldSize = 1 + random(newSize - 1);
    const proof = tree.proveConsistency(oldSize, newSize);
    const ok = core.verifyConsistencyProof({ oldSize, newSize, oldRoot: tree.getRootHash(oldSize), newRoot: tree.getRootHash(newSize), proof });
    if (!ok) throw new Error('consistency proof failed');
  });
  return { buildSeconds, rootUs, inclusionUs, consistencyUs };
}

const perSecond = (count, seconds) => Math.round(count / seconds).toLocaleString('en-US');

export default async function run() {
  const parallelism = availableParallelism();
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`building a ledger of ${RECORDS} records (checkpoint every ${CHECKPOINT_EVERY}) ...`);
  let started = performance.now();
  const ledger = createLedger();
  const sealSeconds = (performance.now() - started) / 1000;
  const rows = [];
  for (const count of [...new Set([1, parallelism])]) {
    const workers = startWorkers(count);
    for (const input of INPUTS) {
      await verifyWithWorkers(workers, ledger, input); // warm-up: JIT and heap sizing
      const runs = [];
      for (let round = 0; round < ROUNDS; round++) runs.push(await verifyWithWorkers(workers, ledger, input));
      const best = (key) => Math.min(...runs.map(r => r[key]));
      const row = `| ${count} | ${input.name} | ${perSecond(RECORDS, best('cpuBoundSeconds'))} | ${perSecond(RECORDS, best('seconds'))} | ${runs.map(r => perSecond(RECORDS, r.seconds)).join(', ')} |`;
      console.log(row);
      rows.push(row);
    }
    await Promise.all(workers.map(w => w.terminate()));
  }
  console.log(`building a tree of ${TREE_LEAVES} leaves ...`);
  started = performance.now();
  const tree = measureTree();
  const markdown = `## Audit ledger core

\`npm run bench -- ledgerCore\` (bench/ledgerCore.bench.mjs): ${RECORDS.toLocaleString('en-US')} synthetic records
(~430 bytes of JSON each), a signed checkpoint every ${CHECKPOINT_EVERY.toLocaleString('en-US')}; pages of
${PAGE.toLocaleString('en-US')}; Node ${process.version}, ${parallelism} cores; best of ${ROUNDS} runs after a warm-up.
"CPU-bound" divides by the CPU time of the busiest thread (workers and the joining main
thread, from /proc/thread-self/stat): the rate with a core per thread, whatever else the
machine runs. "Wall" is what this run got on the machine as it was (load average at start:
${loadAtStart}).

| workers | input | records/s, CPU-bound | records/s, wall | all runs, wall |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Sealing (validate, canonicalize, leaf and chain hash; one thread): ${perSecond(RECORDS, sealSeconds)} records/s.

Merkle tree of ${TREE_LEAVES.toLocaleString('en-US')} leaves (InMemoryMerkleTree): built in ${tree.buildSeconds.toFixed(2)} s;
root at a random size ${tree.rootUs.toFixed(1)} µs; inclusion proof + verification ${tree.inclusionUs.toFixed(1)} µs;
consistency proof + verification ${tree.consistencyUs.toFixed(1)} µs.`;
  console.log(markdown);
  if (process.env.BENCH_WRITE === '0') return;
  try {
    const { writeResultSection } = await import('./support.mjs');
    writeResultSection('ledger-core', markdown);
  } catch (error) {
    console.log(`(results not written to docs/benchmarks.md: ${error.message})`);
  }
}

if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) await run();
