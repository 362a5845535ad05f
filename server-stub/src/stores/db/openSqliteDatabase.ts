import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AsyncMutex } from './AsyncMutex.js';
import type { Database, RunResult, SqlParams, SqlValue, Transaction } from './Database.js';
import { DatabaseError, type DatabaseErrorKind } from './DatabaseError.js';
import { startSqliteCheckpointer, WRITER_AUTOCHECKPOINT_PAGES } from './startSqliteCheckpointer.js';

export interface SqliteOptions {
  /** How long a statement waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
  /**
   * SQLite only: one read-only connection and nothing else (openReadOnly), for commands that
   * only read, such as `readingroom audit verify`. Every write fails.
   */
  readOnly?: boolean;
}

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[]>;

const STATEMENT_CACHE_SIZE = 500;

/**
 * SQLite through better-sqlite3, in WAL mode (readers never wait for the writer; synchronous=NORMAL
 * is durable across process crashes). better-sqlite3 is synchronous and a connection sees its own
 * uncommitted writes, so there are two connections: one for writing, whose transactions run one at
 * a time behind an async mutex (BEGIN IMMEDIATE … COMMIT/ROLLBACK, so `await` inside a transaction
 * is safe), and a read-only one for queries outside transactions, which see committed data only.
 * `:memory:` has a single connection, and its reads wait for a running transaction instead.
 */
export function openSqliteDatabase(path: string, options: SqliteOptions = {}): Database {
  const inMemory = path === ':memory:';
  if (options.readOnly && !inMemory) return openReadOnly(path, options.busyTimeoutMs ?? 5000);
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const writer = connect(path, busyTimeoutMs, false);
  const reader = inMemory ? writer : connect(path, busyTimeoutMs, true);
  // The writer waits for the write lock in begin(), asynchronously.
  writer.pragma('busy_timeout = 0');
  // WAL checkpoints (and their syncs) run in a worker thread, not after the writer's commits.
  const checkpointer = inMemory
    ? undefined
    : startSqliteCheckpointer(path, { onFailure: () => writer.open && writer.pragma('wal_autocheckpoint = 1000') });
  if (checkpointer) writer.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
  const writes = new Statements(writer);
  const reads = inMemory ? writes : new Statements(reader);
  const mutex = new AsyncMutex();
  let closed = false;

  /**
   * BEGIN IMMEDIATE, waiting while another connection or process holds the write lock. The wait is
   * asynchronous (the writer's own busy timeout is 0): SQLite's busy handler would sleep on the
   * event loop, and a transaction of this process that holds the lock could then never finish.
   */
  const begin = async () => {
    const deadline = Date.now() + busyTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        writes.prepare('BEGIN IMMEDIATE').run();
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw translateError(error);
        await new Promise(resolve => setTimeout(resolve, wait));
      }
    }
  };

  /** Runs `work` in a write transaction on the writer, one at a time: committed if it resolves, rolled back if it throws. */
  const write = async <T>(work: (tx: Transaction) => Promise<T> | T): Promise<T> => {
    if (closed) throw closedError();
    const release = await mutex.acquire();
    let active = true;
    try {
      await begin();
      const result = await work(executor(writes, writer, () => active));
      writes.prepare('COMMIT').run();
      return result;
    } catch (error) {
      if (writer.inTransaction) writes.prepare('ROLLBACK').run();
      throw translateError(error);
    } finally {
      active = false;
      release();
    }
  };

  /** Statements outside transactions: reads on the reader; anything that writes in a write transaction of its own. */
  const outside = async <T>(sql: string, read: (s: Statement) => T): Promise<T> => {
    if (closed) throw closedError();
    const statement = reads.prepare(sql);
    if (statement.readonly && !inMemory) return read(statement);
    return write(() => read(writes.prepare(sql)));
  };

  return {
    dialect: 'sqlite',
    query: <T>(sql: string, params: SqlParams = []) => outside(sql, s => all<T>(s, params)),
    queryOne: <T>(sql: string, params: SqlParams = []) => outside(sql, s => get<T>(s, params)),
    run: (sql, params = []) => write(() => run(writes.prepare(sql), params)),
    exec: script => write(() => execScript(writer, script)),
    transaction: (fn, transactionOptions) =>
      write(async tx => {
        if (transactionOptions?.lock) await tx.lock(transactionOptions.lock);
        return fn(tx);
      }),

    async close() {
      if (closed) return;
      const release = await mutex.acquire();
      closed = true;
      try {
        // The writer closes last: as the last connection it checkpoints everything and removes the WAL.
        await checkpointer?.close();
        if (reader !== writer) reader.close();
        writer.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * An existing database file on one read-only connection: no writer (which would switch the file
 * to WAL mode and take the write lock to begin), no checkpointing thread (a thread to start, a
 * driver to load again). A read-only connection cannot remove the -wal and -shm files when it
 * closes: they stay beside a database in WAL mode until the server's next clean close.
 */
function openReadOnly(path: string, busyTimeoutMs: number): Database {
  let connection: Connection;
  try {
    connection = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  } catch (error) {
    throw translateError(error);
  }
  const reads = new Statements(connection);
  let closed = false;
  const read = async <T>(work: () => T): Promise<T> => {
    if (closed) throw closedError();
    return work();
  };
  const refuse = async (): Promise<never> => {
    throw new DatabaseError('SQLite: the database was opened read-only', 'other', 'sqlite', 'SQLITE_READONLY');
  };
  return {
    dialect: 'sqlite',
    query: <T>(sql: string, params: SqlParams = []) => read(() => all<T>(reads.prepare(sql), params)),
    queryOne: <T>(sql: string, params: SqlParams = []) => read(() => get<T>(reads.prepare(sql), params)),
    run: refuse,
    exec: refuse,
    transaction: refuse,
    async close() {
      if (closed) return;
      closed = true;
      connection.close();
    },
  };
}

function connect(path: string, busyTimeoutMs: number, readonly: boolean): Connection {
  const connection = new BetterSqlite3(path, { readonly, timeout: busyTimeoutMs });
  if (!readonly) {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
  }
  connection.pragma('foreign_keys = ON');
  return connection;
}

/** Prepared statements of one connection, by SQL text (oldest dropped past STATEMENT_CACHE_SIZE). */
class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly connection: Connection) {}

  prepare(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (statement) return statement;
    try {
      statement = this.connection.prepare(sql);
    } catch (error) {
      throw translateError(error);
    }
    if (this.cache.size >= STATEMENT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sql, statement);
    return statement;
  }
}

function executor(statements: Statements, connection: Connection, isActive: () => boolean): Transaction {
  const check = () => {
    if (!isActive()) throw new Error('This transaction has already ended; use the database, or a new transaction.');
  };
  return {
    dialect: 'sqlite',
    async query<T>(sql: string, params: SqlParams = []) {
      check();
      return all<T>(statements.prepare(sql), params);
    },
    async queryOne<T>(sql: string, params: SqlParams = []) {
      check();
      return get<T>(statements.prepare(sql), params);
    },
    async run(sql, params = []) {
      check();
      return run(statements.prepare(sql), params);
    },
    async exec(script) {
      check();
      execScript(connection, script);
    },
    // BEGIN IMMEDIATE already holds the database's single write lock, across processes too.
    async lock() {
      check();
    },
  };
}

function all<T>(statement: Statement, params: SqlParams): T[] {
  try {
    if (statement.reader) return statement.all(...bind(params)) as T[];
    statement.run(...bind(params));
    return [];
  } catch (error) {
    throw translateError(error);
  }
}

function get<T>(statement: Statement, params: SqlParams): T | undefined {
  try {
    return statement.reader ? (statement.get(...bind(params)) as T | undefined) : (statement.run(...bind(params)), undefined);
  } catch (error) {
    throw translateError(error);
  }
}

function run(statement: Statement, params: SqlParams): RunResult {
  try {
    return { changes: statement.run(...bind(params)).changes };
  } catch (error) {
    throw translateError(error);
  }
}

function execScript(connection: Connection, script: string) {
  try {
    connection.exec(script);
  } catch (error) {
    throw translateError(error);
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 1/0. */
function bind(params: SqlParams): SqlValue[] {
  for (let i = 0; i < params.length; i++) {
    if (typeof params[i] === 'boolean') return params.map(p => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  }
  return params as SqlValue[];
}

const KINDS: Array<[RegExp, DatabaseErrorKind]> = [
  [/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/, 'unique_violation'],
  [/^SQLITE_CONSTRAINT_FOREIGNKEY$/, 'foreign_key_violation'],
  [/^SQLITE_CONSTRAINT_NOTNULL$/, 'not_null_violation'],
  [/^SQLITE_CONSTRAINT_CHECK$/, 'check_violation'],
  [/^SQLITE_(BUSY|LOCKED)/, 'timeout'],
  [/^SQLITE_(CANTOPEN|IOERR|CORRUPT|NOTADB|READONLY)/, 'connection'],
];

interface SqliteErrorFields {
  name: string;
  message: string;
  code?: string;
}

/** Duck-typed: better-sqlite3's errors come from another realm under jest, where instanceof fails. */
function isSqliteError(error: unknown): error is SqliteErrorFields {
  return typeof error === 'object' && error !== null && (error as SqliteErrorFields).name === 'SqliteError';
}

function isBusy(error: unknown): boolean {
  return isSqliteError(error) && (error.code ?? '').startsWith('SQLITE_BUSY');
}

/** SQLite's messages name tables and columns, never values, so they are kept. */
export function translateError(error: unknown): unknown {
  if (!isSqliteError(error)) return error;
  const code = error.code;
  const kind = KINDS.find(([pattern]) => code !== undefined && pattern.test(code))?.[1] ?? (/syntax error|incomplete input|no such/.test(error.message) ? 'syntax' : 'other');
  return new DatabaseError(`SQLite: ${error.message}`, kind, 'sqlite', code);
}

function closedError() {
  return new Error('The database is closed.');
}

