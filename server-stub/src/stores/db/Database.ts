/**
 * The one database interface every store uses, whatever the backend.
 *
 * SQL is written once, with `?` placeholders; the PostgreSQL adapter turns them into `$1, $2, …`
 * (outside string literals, quoted identifiers and comments). Parameters are plain values.
 * Write portable SQL: TEXT for strings and ISO timestamps, INTEGER/BIGINT for numbers and
 * flags (0/1), BLOB/BYTEA for bytes, `ON CONFLICT … DO NOTHING/UPDATE`, `RETURNING`. Where the
 * dialects differ, branch on `dialect` (see docs/architecture.md, "Storage").
 */
export type Dialect = 'sqlite' | 'postgres';

/** A parameter: booleans are sent as 1/0 (for INTEGER flags); Uint8Array/Buffer are blobs (BLOB/BYTEA). */
export type SqlValue = string | number | bigint | boolean | Uint8Array | null;
export type SqlParams = readonly SqlValue[];

/**
 * What a row looks like when it comes back: integers (including COUNT and BIGINT) are numbers
 * (a PostgreSQL BIGINT beyond 2^53 comes back as a bigint), blobs are Buffers, TEXT is a string.
 */
export type Row = Record<string, unknown>;

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

/** Runs statements, on the shared connections or inside one transaction. */
export interface SqlExecutor {
  readonly dialect: Dialect;
  query<T = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The first row, or undefined. */
  queryOne<T = Row>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Transaction extends SqlExecutor {
  /**
   * Waits for, then holds until the transaction ends, the lock named `name` (a transaction-scoped
   * advisory lock: `pg_advisory_xact_lock` on PostgreSQL, so it serializes every server process
   * on the database). On SQLite a write transaction already excludes every other writer,
   * in this process and in others, so there is nothing more to take.
   * Several names are taken in the order given (one statement on PostgreSQL, not one each); take
   * them in a fixed order (sorted) everywhere, so two transactions never wait for each other.
   */
  lock(name: string | readonly string[]): Promise<void>;
  /**
   * PostgreSQL only: the advisory lock key (a bigint, as text) that `lock(name)` takes, for a SQL
   * function that takes the lock and then reads under it in one round trip. Absent on SQLite.
   */
  readonly lockKey?: (name: string) => string;
}

export interface TransactionOptions {
  /** Takes `lock(name)` first thing in the transaction. */
  lock?: string;
}

export interface Database extends SqlExecutor {
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (and the
   * error rethrown). Async code inside is safe: on SQLite, write transactions run one at a time
   * (`BEGIN IMMEDIATE`); on PostgreSQL each has its own connection (READ COMMITTED).
   * Use `tx` for every statement inside; never call `transaction` again from within `fn`.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Waits for running transactions and statements, then closes every connection. */
  close(): Promise<void>;
}
