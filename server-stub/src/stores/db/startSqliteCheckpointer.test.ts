import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteDatabase } from './openSqliteDatabase.js';

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// The writer's commits are checkpointed by the worker thread, never by the writer at the default threshold.
describe('SQLite WAL checkpoints in a worker thread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'readingroom-checkpoint-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file off the writer, and the writer closes last, removing the WAL', async () => {
    const path = join(dir, 'test.sqlite');
    const db = openSqliteDatabase(path);
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    // More than SQLite's default auto-checkpoint threshold (1000 pages), less than the writer's backstop.
    for (let batch = 0; batch < 12; batch++) {
      await db.transaction(async tx => {
        for (let i = 0; i < 100; i++) await tx.run('INSERT INTO t (body) VALUES (?)', ['x'.repeat(4000)]);
      });
    }
    // The worker checkpoints on its own schedule: wait until every frame is in the database file
    // (NOOP only reads the state; the writer alone, at SQLite's default threshold, would have left frames behind).
    const probe = new BetterSqlite3(path);
    let copied = false;
    for (let i = 0; i < 200 && !copied; i++) {
      const [state] = probe.pragma('wal_checkpoint(NOOP)', { simple: false }) as Array<{ log: number; checkpointed: number }>;
      copied = state !== undefined && state.log > 0 && state.checkpointed === state.log;
      if (!copied) await pause(25);
    }
    probe.close();
    expect(copied).toBe(true);
    expect(await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1200 }]);
    await db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
