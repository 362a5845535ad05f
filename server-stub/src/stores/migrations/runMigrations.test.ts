import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, openTestDatabase, testDialect } from '../../../test/testDatabase.js';
import { openDatabase } from '../db/openDatabase.js';
import type { Migration } from './Migration.js';
import { migrations } from './migrations.js';
import { checkMigrations, runMigrations } from './runMigrations.js';

const migration = (id: number, sql: string): Migration => ({ id, name: `m${id}`, sqlite: sql, postgres: sql });

describe(`runMigrations (${testDialect})`, () => {
  it('applies pending migrations in id order once, and records them', async () => {
    const { db, close } = await openTestDatabase();
    try {
      const list = [migration(1001, 'CREATE TABLE b (x INTEGER REFERENCES a (x))'), migration(1000, 'CREATE TABLE a (x INTEGER PRIMARY KEY)')];
      expect(await runMigrations(db, list)).toEqual([1000, 1001]);
      expect(await runMigrations(db, list)).toEqual([]);
      const recorded = await db.query<{ id: number }>('SELECT id FROM schema_migrations WHERE id >= 1000 ORDER BY id');
      expect(recorded.map(r => r.id)).toEqual([1000, 1001]);
    } finally {
      await close();
    }
  });

  it('leaves the schema as it was when one migration fails', async () => {
    const { db, close } = await openTestDatabase();
    try {
      const list = [migration(1000, 'CREATE TABLE a (x INTEGER)'), migration(1001, 'CREATE TABLE broken (')];
      await expect(runMigrations(db, list)).rejects.toMatchObject({ kind: 'syntax' });
      await expect(db.query('SELECT * FROM a')).rejects.toMatchObject({ kind: 'syntax' });
      expect(await runMigrations(db, [list[0]!])).toEqual([1000]);
    } finally {
      await close();
    }
  });

  it('refuses two migrations with one id', () => {
    expect(() => checkMigrations([migration(5, 'SELECT 1'), migration(5, 'SELECT 2')])).toThrow(/Two migrations have the id 5/);
  });

  it('applies the server migrations once when several openers race', async () => {
    const target = await createTestDatabaseUrl();
    const dbs = await Promise.all(Array.from({ length: 4 }, () => openDatabase(target.url, { poolMax: 2 })));
    try {
      const applied = await Promise.all(dbs.map(db => runMigrations(db, migrations)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(migrations.map(m => m.id).sort((a, b) => a - b));
      const rows = await dbs[0]!.query<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
      expect(rows[0]!.n).toBe(migrations.length);
    } finally {
      await Promise.all(dbs.map(db => db.close()));
      await target.drop();
    }
  });
});

describe('a SQLite database of the previous release', () => {
  it('keeps its data and gets only the migrations it lacks', async () => {
    const target = await createTestDatabaseUrl('sqlite');
    try {
      // What the previous release's runner left: its own schema_migrations, ids 1 and 100 applied.
      const old = await openDatabase(target.url);
      await old.exec(`CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      for (const m of migrations.filter(m => m.id === 1 || m.id === 100)) {
        await old.exec(m.sqlite);
        await old.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [m.id, m.name, '2026-11-01T00:00:00.000Z']);
      }
      await old.run("INSERT INTO client_events (client_id, event_id, type, occurred_at, received_at, user_id, study_uid, payload) VALUES ('c', 'e', 'audit', 't', 't', 'u', NULL, '{}')");
      await old.close();

      const db = await openDatabase(target.url);
      const applied = await runMigrations(db, migrations);
      expect(applied).toEqual(migrations.map(m => m.id).filter(id => id !== 1 && id !== 100).sort((a, b) => a - b));
      expect(await db.query('SELECT event_id FROM client_events')).toEqual([{ event_id: 'e' }]);
      await db.close();
    } finally {
      await target.drop();
    }
  });
});

// Two real server processes starting at once on one fresh database (the built CLI, as `npm test`
// builds before testing).
const cli = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
describe(`migrations across processes (${testDialect})`, () => {
  it('runs each migration once when two processes race', async () => {
    expect(existsSync(cli)).toBe(true);
    const target = await createTestDatabaseUrl();
    try {
      const outputs = await Promise.all([0, 1].map(() => runProcess(cli, target.url)));
      const applied = outputs.map(output => {
        const said = /database schema \((?:postgres|sqlite)\): (?:applied ([\d, ]+)|up to date)/.exec(output);
        expect(said).not.toBeNull();
        return said![1] ? said![1].split(', ').map(Number) : [];
      });
      expect(applied.flat().sort((a, b) => a - b)).toEqual(migrations.map(m => m.id).sort((a, b) => a - b));
      expect(applied.some(ids => ids.length === 0)).toBe(true);
    } finally {
      await target.drop();
    }
  }, 60_000);
});

function runProcess(script: string, databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'migrate'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.once('exit', code => (code === 0 ? resolve(output) : reject(new Error(`exited ${code}: ${output}`))));
  });
}
