// Storage layer: what the async Database interface (server-stub/src/stores/db) costs over the raw
// drivers, on the ingest path the audit ledger takes: events hashed into a SHA-256 chain and
// inserted in transactions of 500. Needs the server build (`npm run bench -- storage`) and, for
// the PostgreSQL rows, PostgreSQL at BENCH_POSTGRES_URL (default: the test database), where it
// works in a schema of its own and drops it afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createBenchPostgresSchema } from './postgresSchema.mjs';
import { median, tempDir, writeResultSection } from './support.mjs';

const { openDatabase } = await import('../server-stub/dist/stores/db/openDatabase.js');
const { translatePlaceholders } = await import('../server-stub/dist/stores/db/translatePlaceholders.js');

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHUNK = 64;

const COLUMNS = ['seq', 'event_id', 'type', 'occurred_at', 'user_id', 'payload', 'prev_hash', 'hash'];
const INSERT = `INSERT INTO bench_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
const INSERT_CHUNK = `INSERT INTO bench_events (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: CHUNK }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`;
const table = blob => `
  DROP TABLE IF EXISTS bench_events;
  CREATE TABLE bench_events (
    seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
    user_id TEXT NOT NULL, payload TEXT NOT NULL, prev_hash ${blob} NOT NULL, hash ${blob} NOT NULL)`;

/** The events, prepared before any clock starts; each round hashes and stores them anew. */
function createEvents() {
  const base = Date.parse('2026-11-28T08:00:00Z');
  return Array.from({ length: EVENTS }, (_, i) => ({
    eventId: `0193${i.toString(16).padStart(8, '0')}-0000-7000-8000-${randomBytes(6).toString('hex')}`,
    type: 'label.modified',
    occurredAt: new Date(base + i * 37).toISOString(),
    userId: 'radiologist-7',
    payload: JSON.stringify({
      labelId: `0193aaaa-0000-7000-8000-${(i % 997).toString(16).padStart(12, '0')}`,
      StudyInstanceUID: '1.2.826.0.1.3680043.8.498.10',
      SOPInstanceUID: `1.2.826.0.1.3680043.8.498.12.${i % 64}`,
      findingTypeId: 'nodule',
      geometry: { kind: 'length', points: [[12.5, 40.25, -3], [30.75, 44, -3]] },
      measurements: [{ name: 'length', value: 18.68, unit: 'mm' }],
    }),
  }));
}

/** Hashes the chain and yields batches of rows (parameter arrays) in order. */
function* batches(events) {
  let prev = Buffer.alloc(32);
  for (let at = 0; at < events.length; at += BATCH) {
    const rows = [];
    for (let i = at; i < Math.min(at + BATCH, events.length); i++) {
      const e = events[i];
      const hash = createHash('sha256').update(prev).update(e.payload).digest();
      rows.push([i + 1, e.eventId, e.type, e.occurredAt, e.userId, e.payload, prev, hash]);
      prev = hash;
    }
    yield rows;
  }
}

/** Inserts `rows` with multi-row statements of CHUNK rows, then single rows for the rest. */
async function insertChunked(tx, rows) {
  let at = 0;
  for (; at + CHUNK <= rows.length; at += CHUNK) await tx.run(INSERT_CHUNK, rows.slice(at, at + CHUNK).flat());
  for (; at < rows.length; at++) await tx.run(INSERT, rows[at]);
}

const sqliteVariants = dir => [
  {
    name: 'SQLite, better-sqlite3 directly (baseline)',
    async open() {
      const db = new BetterSqlite3(join(dir, `raw-${Date.now()}.sqlite`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(table('BLOB'));
      const insert = db.prepare(INSERT);
      const write = db.transaction(rows => {
        for (const row of rows) insert.run(...row);
      });
      return { write: async rows => write.immediate(rows), close: async () => db.close() };
    },
  },
  {
    name: 'SQLite, Database interface, one INSERT per event',
    async open() {
      const db = await openDatabase(join(dir, `layer-${Date.now()}.sqlite`));
      await db.exec(table('BLOB'));
      return {
        write: rows => db.transaction(async tx => {
          for (const row of rows) await tx.run(INSERT, row);
        }),
        close: () => db.close(),
      };
    },
  },
  {
    name: `SQLite, Database interface, ${CHUNK}-row INSERTs`,
    async open() {
      const db = await openDatabase(join(dir, `chunked-${Date.now()}.sqlite`));
      await db.exec(table('BLOB'));
      return { write: rows => db.transaction(tx => insertChunked(tx, rows)), close: () => db.close() };
    },
  },
];

const postgresVariants = url => [
  {
    name: 'PostgreSQL, pg directly, one INSERT per event (baseline)',
    async open() {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      await pool.query(table('BYTEA'));
      const text = translatePlaceholders(INSERT).text;
      return {
        async write(rows) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            for (const row of rows) await client.query({ text, values: row });
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          } finally {
            client.release();
          }
        },
        close: () => pool.end(),
      };
    },
  },
  {
    name: 'PostgreSQL, Database interface, one INSERT per event',
    async open() {
      const db = await openDatabase(url, { poolMax: 2 });
      await db.exec(table('BYTEA'));
      return {
        write: rows => db.transaction(async tx => {
          for (const row of rows) await tx.run(INSERT, row);
        }),
        close: () => db.close(),
      };
    },
  },
  {
    name: `PostgreSQL, Database interface, ${CHUNK}-row INSERTs`,
    async open() {
      const db = await openDatabase(url, { poolMax: 2 });
      await db.exec(table('BYTEA'));
      return { write: rows => db.transaction(tx => insertChunked(tx, rows)), close: () => db.close() };
    },
  },
];

/**
 * One round of a variant: hashing and storing every event, batch by batch. Returns events/s
 * (wall clock) and this process's CPU time per event, which other load on the machine barely
 * changes: the layer's own cost shows there.
 */
async function measure(variant, events) {
  const store = await variant.open();
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const rows of batches(events)) await store.write(rows);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { rate: events.length / seconds, cpuMicros: (used.user + used.system) / events.length };
  } finally {
    await store.close();
  }
}


const format = n => Math.round(n).toLocaleString('en-US');

export default async function run() {
  const dir = tempDir('readingroom-storage-bench-');
  const postgres = await createBenchPostgresSchema();
  const variants = [...sqliteVariants(dir), ...(postgres.url ? postgresVariants(postgres.url) : [])];
  const events = createEvents();
  const rates = new Map(variants.map(v => [v, []]));
  const cpu = new Map(variants.map(v => [v, []]));
  const loadBefore = loadavg()[0];
  try {
    // Warm-up round (JIT, page cache), not counted; then rounds with the variants interleaved.
    for (const variant of variants) await measure(variant, events.slice(0, 2 * BATCH));
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts with a different variant, so none always follows the same one.
      for (const variant of [...variants.slice(round % variants.length), ...variants.slice(0, round % variants.length)]) {
        const { rate, cpuMicros } = await measure(variant, events);
        rates.get(variant).push(rate);
        cpu.get(variant).push(cpuMicros);
        console.log(`round ${round + 1}: ${variant.name}: ${format(rate)} events/s, ${cpuMicros.toFixed(1)} µs CPU per event`);
      }
    }
  } finally {
    await postgres.drop?.();
    rmSync(dir, { recursive: true, force: true });
  }

  const loadAfter = loadavg()[0];
  const rows = variants.map(v => `| ${v.name} | **${format(median(rates.get(v)))}** | ${rates.get(v).map(format).join(', ')} | ${median(cpu.get(v)).toFixed(1)} |`);
  const overhead = (baseline, layer) => {
    const extra = median(cpu.get(layer)) - median(cpu.get(baseline));
    return `${extra.toFixed(1)} µs of CPU per event (${((extra / median(cpu.get(baseline))) * 100).toFixed(0)}% of the baseline's ${median(cpu.get(baseline)).toFixed(1)} µs)`;
  };
  const lines = [
    `- SQLite: the interface adds ${overhead(variants[0], variants[1])}.`,
    postgres.url ? `- PostgreSQL: the interface adds ${overhead(variants[3], variants[4])}.` : `- PostgreSQL: skipped, ${postgres.skipped}.`,
  ];
  writeResultSection(
    'storage',
    `## Storage layer: ingest through the Database interface vs the raw drivers

Command: \`npm run bench -- storage\` (BENCH_EVENTS=${EVENTS}, BENCH_ROUNDS=${ROUNDS}); ${new Date().toISOString().slice(0, 10)}; Node ${process.version}, ${process.platform}/${process.arch}, SQLite (WAL, synchronous=NORMAL) in a temporary directory${postgres.url ? ', PostgreSQL on 127.0.0.1 (a schema of its own)' : ''}.
${format(EVENTS)} events (about 330 bytes of JSON each) chained with SHA-256 (each hash covers the previous hash and the event) and inserted in
transactions of ${BATCH}, one table with a primary key and a unique event id; hashing is inside the timing. Variants interleaved, each round starting with another,
after a warm-up round; events/s of the whole run and this process's CPU time per event (which other load barely changes), median of ${ROUNDS} rounds. Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after
(other work on the 2 cores slows every variant alike; compare rows of one run).

| Variant | events/s (median) | Rounds | CPU of this process, µs per event (median) |
|---|---|---|---|
${rows.join('\n')}

${lines.join('\n')}

Goals of issue 4 for the ingest path: ≥ 20,000 events/s on SQLite, ≥ 15,000 on PostgreSQL (2-core machine). On PostgreSQL each
statement is a round trip, so rows go in multi-row INSERTs (\`insertRows\` in stores/labeling does the same). The pg baseline sends
unnamed statements (pg's default); the interface names writes that return no rows, so PostgreSQL parses and plans them once per connection.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
