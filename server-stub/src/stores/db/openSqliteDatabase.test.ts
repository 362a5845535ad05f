import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './Database.js';
import { openSqliteDatabase } from './openSqliteDatabase.js';

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// What the SQLite adapter adds to the shared contract: one writer at a time, readers on committed data.
describe('SQLite adapter', () => {
  let dir: string;
  let db: Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'readingroom-sqlite-'));
    db = openSqliteDatabase(join(dir, 'test.sqlite'));
    await db.exec('CREATE TABLE log (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL, step INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs transactions one at a time even when they await in between', async () => {
    const write = (writer: string) =>
      db.transaction(async tx => {
        for (let step = 0; step < 3; step++) {
          await tx.run('INSERT INTO log (writer, step) VALUES (?, ?)', [writer, step]);
          await pause(3);
        }
      });
    await Promise.all(['a', 'b', 'c'].map(write));
    const writers = (await db.query<{ writer: string }>('SELECT writer FROM log ORDER BY seq')).map(r => r.writer).join('');
    // Each transaction's rows are contiguous: no interleaving, in the order they asked.
    expect(writers).toBe('aaabbbccc');
  });

  it('answers reads outside a transaction from committed data only, without waiting for the writer', async () => {
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    const writing = db.transaction(async tx => {
      await tx.run('INSERT INTO log (writer, step) VALUES (?, ?)', ['w', 0]);
      expect(await tx.query('SELECT writer FROM log')).toEqual([{ writer: 'w' }]);
      await held;
    });
    await pause(5);
    expect(await db.query('SELECT writer FROM log')).toEqual([]);
    release();
    await writing;
    expect(await db.query('SELECT writer FROM log')).toEqual([{ writer: 'w' }]);
  });

  it('queues a write outside a transaction behind a running one', async () => {
    const order: string[] = [];
    const transaction = db.transaction(async tx => {
      await tx.run('INSERT INTO log (writer, step) VALUES (?, ?)', ['tx', 0]);
      await pause(10);
      order.push('tx done');
    });
    const single = db.run('INSERT INTO log (writer, step) VALUES (?, ?)', ['single', 0]).then(() => order.push('single done'));
    await Promise.all([transaction, single]);
    expect(order).toEqual(['tx done', 'single done']);
  });

  it('keeps rows from a query with RETURNING outside a transaction', async () => {
    expect(await db.query('INSERT INTO log (writer, step) VALUES (?, ?) RETURNING writer', ['r', 1])).toEqual([{ writer: 'r' }]);
  });

  it('works in memory with a single connection', async () => {
    const memory = openSqliteDatabase(':memory:');
    await memory.exec('CREATE TABLE t (a INTEGER)');
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    const writing = memory.transaction(async tx => {
      await tx.run('INSERT INTO t VALUES (1)');
      await held;
    });
    // The read waits for the transaction instead of seeing its uncommitted row.
    const read = memory.query('SELECT a FROM t');
    await pause(5);
    release();
    await writing;
    expect(await read).toEqual([{ a: 1 }]);
    await memory.close();
  });

  it('refuses work after close', async () => {
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
  });

  // `readingroom audit verify` reads this way: it must never write, nor create a database.
  it('opens read-only: reads committed data, refuses every write, changes nothing, and needs an existing file', async () => {
    await db.run('INSERT INTO log (writer, step) VALUES (?, ?)', ['w', 1]);
    const readOnly = openSqliteDatabase(join(dir, 'test.sqlite'), { readOnly: true });
    expect(await readOnly.query('SELECT writer, step FROM log')).toEqual([{ writer: 'w', step: 1 }]);
    await expect(readOnly.run('INSERT INTO log (writer, step) VALUES (?, ?)', ['r', 2])).rejects.toMatchObject({ name: 'DatabaseError', dialect: 'sqlite' });
    await expect(readOnly.exec('DELETE FROM log')).rejects.toMatchObject({ name: 'DatabaseError' });
    await expect(readOnly.transaction(async tx => tx.run('DELETE FROM log'))).rejects.toMatchObject({ name: 'DatabaseError' });
    await expect(readOnly.query('DELETE FROM log')).rejects.toMatchObject({ name: 'DatabaseError' });
    await readOnly.close();
    await expect(readOnly.query('SELECT 1')).rejects.toThrow(/closed/);
    expect(await db.query('SELECT writer, step FROM log')).toEqual([{ writer: 'w', step: 1 }]);
    expect(() => openSqliteDatabase(join(dir, 'missing.sqlite'), { readOnly: true })).toThrow();
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });
});
