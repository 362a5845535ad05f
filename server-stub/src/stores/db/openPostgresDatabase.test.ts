import pg from 'pg';
import { createTestDatabaseUrl, testPostgresUrl, type TestDatabaseUrl } from '../../../test/testDatabase.js';
import type { Database } from './Database.js';
import { DatabaseError } from './DatabaseError.js';
import { describeTarget, openPostgresDatabase } from './openPostgresDatabase.js';

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
// PostgreSQL itself is needed: the server project leaves this file to server-postgres (jest.config.cjs).
describe('PostgreSQL adapter', () => {
  let target: TestDatabaseUrl;
  let db: Database;
  beforeAll(async () => {
    target = await createTestDatabaseUrl('postgres');
    db = await openPostgresDatabase(target.url, { poolMax: 4 });
    await db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL); CREATE TABLE n (v INTEGER)');
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  /** A transaction that takes `names` and holds them until released (then logs "a done"); resolves once it holds them. */
  async function holdLocks(names: string | string[], events: string[]) {
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    let locked!: () => void;
    const acquired = new Promise<void>(resolve => (locked = resolve));
    const done = db.transaction(async tx => {
      await tx.lock(names);
      locked();
      await held;
      events.push('a done');
    });
    await acquired;
    return { release, done };
  }

  it('serializes two connections that take the same advisory lock, and only those', async () => {
    const events: string[] = [];
    const { release, done: a } = await holdLocks('ledger', events);
    const b = db.transaction(async tx => {
      await tx.lock('ledger');
      events.push('b locked');
    });
    // Another name is free meanwhile, on another connection.
    await db.transaction(tx => tx.lock('other'));
    events.push('other done');
    await pause(50);
    expect(events).toEqual(['other done']);
    release();
    await Promise.all([a, b]);
    expect(events).toEqual(['other done', 'a done', 'b locked']);
  });

  it('takes several advisory locks in one call and holds every one of them', async () => {
    const events: string[] = [];
    const { release, done: a } = await holdLocks(['labels 1.2.3', 'labels 1.2.4', 'labels 1.2.5'], events);
    // Each of the three is held: a transaction wanting the last one waits, one wanting a fourth does not.
    const b = db.transaction(async tx => {
      await tx.lock('labels 1.2.5');
      events.push('b locked');
    });
    await db.transaction(tx => tx.lock(['labels 1.2.6', 'labels 1.2.7']));
    events.push('other done');
    await pause(50);
    expect(events).toEqual(['other done']);
    release();
    await Promise.all([a, b]);
    expect(events).toEqual(['other done', 'a done', 'b locked']);
    // An empty list takes nothing.
    await db.transaction(tx => tx.lock([]));
  });

  it('keeps one gapless sequence when writers on separate pools (like server processes) append under the lock', async () => {
    const other = await openPostgresDatabase(target.url, { poolMax: 4 });
    const append = (database: Database, writer: string) =>
      database.transaction(
        async tx => {
          const { next } = (await tx.queryOne<{ next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM events'))!;
          await pause(1);
          await tx.run('INSERT INTO events (seq, writer) VALUES (?, ?)', [next, writer]);
        },
        { lock: 'events' },
      );
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(i % 2 ? db : other, i % 2 ? 'a' : 'b')));
    await other.close();
    const seqs = (await db.query<{ seq: number }>('SELECT seq FROM events ORDER BY seq')).map(r => r.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('does not make schemas of one cluster wait for each other', async () => {
    const second = await createTestDatabaseUrl('postgres');
    const elsewhere = await openPostgresDatabase(second.url, { poolMax: 2 });
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    const holding = db.transaction(async tx => {
      await tx.lock('ledger');
      await held;
    });
    await pause(20);
    await elsewhere.transaction(tx => tx.lock('ledger'));
    release();
    await holding;
    await elsewhere.close();
    await second.drop();
  });

  it('sends BEGIN with the first locks (one round trip) or before the first statement, and keeps the transaction whole', async () => {
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text: string };
      sent.push(typeof first === 'string' ? first : first.text);
      return (original as (...a: unknown[]) => unknown).apply(this, args) as never;
    });
    try {
      const fail = new Error('after the writes');
      // Locks first: BEGIN and the locks in one simple query; an error undoes what followed.
      await expect(
        db.transaction(async tx => {
          await tx.lock(['lazy a', 'lazy b']);
          await tx.run('INSERT INTO n (v) VALUES (?)', [101]);
          throw fail;
        }),
      ).rejects.toBe(fail);
      expect(sent.splice(0)).toEqual([expect.stringMatching(/^BEGIN; SELECT pg_advisory_xact_lock\('-?\d+'::bigint\); SELECT pg_advisory_xact_lock\('-?\d+'::bigint\);$/), 'INSERT INTO n (v) VALUES ($1)', 'ROLLBACK']);
      // A statement first: BEGIN just before it, the same transaction to the end.
      await expect(
        db.transaction(async tx => {
          await Promise.all([tx.run('INSERT INTO n (v) VALUES (?)', [102]), tx.run('INSERT INTO n (v) VALUES (?)', [103])]);
          throw fail;
        }),
      ).rejects.toBe(fail);
      expect(sent.splice(0)).toEqual(['BEGIN', 'INSERT INTO n (v) VALUES ($1)', 'INSERT INTO n (v) VALUES ($1)', 'ROLLBACK']);
      // Nothing sent, nothing to commit.
      await expect(db.transaction(async () => 'nothing')).resolves.toBe('nothing');
      expect(sent.splice(0)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    expect(await db.query('SELECT v FROM n WHERE v > 100')).toEqual([]);
    // Committed when it succeeds, the locks held to the end (the serializing tests above).
    await db.transaction(async tx => {
      await tx.lock('lazy a');
      await tx.run('INSERT INTO n (v) VALUES (?)', [104]);
    });
    expect(await db.query('SELECT v FROM n WHERE v > 100')).toEqual([{ v: 104 }]);
    await db.run('DELETE FROM n WHERE v > 100');
  });

  it('prepares writes once per connection, and they survive a schema change', async () => {
    const one = await openPostgresDatabase(target.url, { poolMax: 1 });
    await one.exec('CREATE TABLE prepared (id INTEGER PRIMARY KEY)');
    await one.run('INSERT INTO prepared (id) VALUES (?)', [1]);
    const named = await one.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'rr\\_%'");
    expect(named).toEqual([{ statement: 'INSERT INTO prepared (id) VALUES ($1)' }]);
    await one.exec("ALTER TABLE prepared ADD COLUMN note TEXT NOT NULL DEFAULT 'x'");
    await one.run('INSERT INTO prepared (id) VALUES (?)', [2]);
    // Reads are not prepared: their row type may change with the schema.
    expect(await one.query('SELECT * FROM prepared ORDER BY id')).toEqual([{ id: 1, note: 'x' }, { id: 2, note: 'x' }]);
    await one.close();
  });

  it('returns BIGINT as a number, or a bigint past 2^53', async () => {
    expect(await db.queryOne('SELECT COUNT(*) AS n, 9007199254740993::bigint AS big, 12::bigint AS small')).toEqual({ n: 1, big: 9007199254740993n, small: 12 });
  });

  it('leaves values out of error messages', async () => {
    await db.run('INSERT INTO events (seq, writer) VALUES (?, ?)', [1000, 'x']);
    const duplicate = await db.run('INSERT INTO events (seq, writer) VALUES (?, ?)', [1000, 'secret-writer']).catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ kind: 'unique_violation', code: '23505', constraint: 'events_pkey' });
    expect((duplicate as Error).message).toBe('PostgreSQL: unique violation (SQLSTATE 23505) on table events, constraint events_pkey');
    const badInput = await db.run('INSERT INTO n (v) VALUES (?)', ['patient-4711']).catch((e: unknown) => e);
    expect(badInput).toBeInstanceOf(DatabaseError);
    expect((badInput as Error).message).not.toContain('patient-4711');
  });

  it('cancels a statement that runs past the statement timeout', async () => {
    const quick = await openPostgresDatabase(target.url, { poolMax: 1, statementTimeoutMs: 50 });
    await expect(quick.query('SELECT pg_sleep(1)')).rejects.toMatchObject({ kind: 'timeout' });
    await quick.close();
  });

  it('says so when every pooled connection stays busy', async () => {
    const small = await openPostgresDatabase(target.url, { poolMax: 1, connectionTimeoutMs: 100 });
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    const holding = small.transaction(() => held);
    await pause(20);
    await expect(small.query('SELECT 1')).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/DATABASE_POOL_MAX/) });
    release();
    await holding;
    await small.close();
  });

  it('says clearly when it cannot connect, without the password', async () => {
    const url = 'postgres://someone:hunter2@127.0.0.1:1/nowhere';
    const failure = await openPostgresDatabase(url, { connectionTimeoutMs: 2000 }).then(() => new Error('connected'), (e: unknown) => e as Error);
    expect(failure.message).toMatch(/^Cannot use the PostgreSQL database at 127\.0\.0\.1:1\/nowhere: .*unreachable \(ECONNREFUSED\)/);
    expect(failure.message).not.toContain('hunter2');
  });

  it('says when the schema the URL selects does not exist', async () => {
    const url = new URL(testPostgresUrl);
    url.searchParams.set('options', '-c search_path=rr_no_such_schema');
    await expect(openPostgresDatabase(url.toString())).rejects.toThrow(/no schema of the search_path exists/);
  });

  it('describes a target by host, port and database only', () => {
    expect(describeTarget('postgres://u:p@db.example/rr?sslmode=require')).toBe('db.example:5432/rr');
  });
});
