import { openTestDatabase, testDialect } from '../../../test/testDatabase.js';
import type { Database } from './Database.js';
import { DatabaseError } from './DatabaseError.js';

// The contract every store relies on, checked on the backend of this run (SQLite or PostgreSQL).
describe(`Database (${testDialect})`, () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    await db.exec(`
      CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size BIGINT, data ${testDialect === 'postgres' ? 'BYTEA' : 'BLOB'}, flag INTEGER);
      CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
      INSERT INTO counter (id, n) VALUES (1, 0);`);
  });
  afterAll(() => close());
  beforeEach(() => db.run('DELETE FROM things'));

  it('says which dialect it speaks', () => {
    expect(db.dialect).toBe(testDialect);
  });

  it('binds plain values and reads them back as the same JS types', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    await db.run('INSERT INTO things (id, name, size, data, flag) VALUES (?, ?, ?, ?, ?)', [1, 'a', 2n ** 40n, bytes, true]);
    const row = await db.queryOne<{ id: number; name: string; size: number; data: Buffer; flag: number }>('SELECT * FROM things WHERE id = ?', [1]);
    expect(row).toEqual({ id: 1, name: 'a', size: 2 ** 40, data: Buffer.from(bytes), flag: 1 });
    expect(await db.queryOne<{ n: number }>('SELECT COUNT(*) AS n FROM things')).toEqual({ n: 1 });
    expect(await db.queryOne('SELECT * FROM things WHERE id = ?', [2])).toBeUndefined();
  });

  it('keeps a ? inside a string literal as text', async () => {
    await db.run("INSERT INTO things (id, name) VALUES (?, 'why?' || ?)", [1, '!']);
    expect(await db.query("SELECT name, 'a?b' AS lit FROM things WHERE name LIKE '%?%' AND id = ?", [1])).toEqual([{ name: 'why?!', lit: 'a?b' }]);
  });

  it('counts the rows a statement changed, and returns rows from RETURNING', async () => {
    expect(await db.run('INSERT INTO things (id, name) VALUES (?, ?), (?, ?)', [1, 'a', 2, 'b'])).toEqual({ changes: 2 });
    expect(await db.run('INSERT INTO things (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [3, 'a'])).toEqual({ changes: 0 });
    expect(await db.query('UPDATE things SET flag = 1 WHERE id > ? RETURNING id', [1])).toEqual([{ id: 2 }]);
  });

  it('commits a transaction when it resolves and returns its value', async () => {
    const value = await db.transaction(async tx => {
      await tx.run('INSERT INTO things (id, name) VALUES (?, ?)', [1, 'a']);
      await new Promise(resolve => setTimeout(resolve, 5));
      await tx.run('INSERT INTO things (id, name) VALUES (?, ?)', [2, 'b']);
      return (await tx.query('SELECT id FROM things ORDER BY id')).length;
    });
    expect(value).toBe(2);
    expect(await db.query('SELECT id FROM things ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('rolls a transaction back when it throws, and rethrows', async () => {
    const failure = db.transaction(async tx => {
      await tx.run('INSERT INTO things (id, name) VALUES (?, ?)', [1, 'a']);
      await new Promise(resolve => setTimeout(resolve, 5));
      throw new Error('changed my mind');
    });
    await expect(failure).rejects.toThrow('changed my mind');
    expect(await db.query('SELECT id FROM things')).toEqual([]);
  });

  it('rolls back everything when a statement fails, with a DatabaseError of a portable kind', async () => {
    const failure = db.transaction(async tx => {
      await tx.run('INSERT INTO things (id, name) VALUES (?, ?)', [1, 'secret-value']);
      await tx.run('INSERT INTO things (id, name) VALUES (?, ?)', [2, 'secret-value']);
    });
    const error = await failure.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ kind: 'unique_violation', dialect: testDialect });
    // The message names the constraint or columns, never the value.
    expect((error as Error).message).not.toContain('secret-value');
    expect(await db.query('SELECT id FROM things')).toEqual([]);
  });

  it('does not let a transaction be used after it ended', async () => {
    let leaked: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async tx => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/already ended/);
  });

  it('runs concurrent read-modify-write transactions under one lock without losing an update', async () => {
    await db.run('UPDATE counter SET n = 0');
    await Promise.all(
      Array.from({ length: 8 }, () =>
        db.transaction(
          async tx => {
            const { n } = (await tx.queryOne<{ n: number }>('SELECT n FROM counter WHERE id = 1'))!;
            await new Promise(resolve => setTimeout(resolve, 2));
            await tx.run('UPDATE counter SET n = ? WHERE id = 1', [n + 1]);
          },
          { lock: 'counter' },
        ),
      ),
    );
    expect(await db.queryOne('SELECT n FROM counter')).toEqual({ n: 8 });
  });

  it('reports a syntax error as such', async () => {
    await expect(db.query('SELEKT 1')).rejects.toMatchObject({ kind: 'syntax' });
  });
});
