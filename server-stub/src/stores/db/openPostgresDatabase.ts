import { createHash } from 'node:crypto';
import pg from 'pg';
import { advisoryLockKey } from './advisoryLockKey.js';
import type { Database, RunResult, SqlParams, Transaction } from './Database.js';
import { translatePgError } from './translatePgError.js';
import { translatePlaceholders } from './translatePlaceholders.js';

export interface PostgresOptions {
  /** Connections per server process (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** A statement running longer is cancelled (DATABASE_STATEMENT_TIMEOUT_MS); 0 means none. */
  statementTimeoutMs?: number;
  /** How long to wait for a free connection or a new one before failing. */
  connectionTimeoutMs?: number;
  /** Told about errors of idle pooled connections (which otherwise would crash the process). */
  onIdleError?: (error: Error) => void;
}

export const POSTGRES_DEFAULTS = { poolMax: 10, statementTimeoutMs: 30_000, connectionTimeoutMs: 10_000 } as const;

/**
 * PostgreSQL through node-postgres: a pool for statements outside transactions, a dedicated
 * pooled connection for each transaction (READ COMMITTED). SQL comes with `?` placeholders and
 * is translated to `$n` once per text. BIGINT (including COUNT) comes back as a number.
 * Resolves once a first connection worked, with a clear error if it did not.
 */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? POSTGRES_DEFAULTS.poolMax,
    statement_timeout: options.statementTimeoutMs ?? POSTGRES_DEFAULTS.statementTimeoutMs,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? POSTGRES_DEFAULTS.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A transaction left open (a bug awaiting forever) would hold its locks; PostgreSQL ends it.
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'readingroom',
    types: { getTypeParser },
  });
  pool.on('error', error => options.onIdleError?.(error));
  const where = describeTarget(url);

  let schema: string;
  try {
    const row = (await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0];
    if (!row?.schema) throw new Error('no schema of the search_path exists');
    schema = row.schema;
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = translatePgError(error, where);
    throw new Error(`Cannot use the PostgreSQL database at ${where}: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
  // Locks are per schema, so databases that share a cluster (tests, several sites) never wait for each other.
  const lockKey = (name: string) => advisoryLockKey(`${schema}\u0000${name}`).toString();

  const run = async (client: pg.Pool | pg.PoolClient, sql: string, params: SqlParams): Promise<pg.QueryResult> => {
    try {
      const { text, name } = toPostgres(sql);
      return await client.query({ name, text, values: toValues(params) });
    } catch (error) {
      throw translatePgError(error, where);
    }
  };

  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    query: async <T>(sql: string, params: SqlParams = []) => (await run(pool, sql, params)).rows as T[],
    queryOne: async <T>(sql: string, params: SqlParams = []) => (await run(pool, sql, params)).rows[0] as T | undefined,
    run: async (sql, params = []) => changes(await run(pool, sql, params)),
    exec: async script => {
      await pool.query(script).catch(error => Promise.reject(translatePgError(error, where)));
    },

    async transaction(fn, transactionOptions) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translatePgError(error, where);
      }
      let active = true;
      let broken: Error | undefined;
      // BEGIN is sent with the transaction's first statement: in the same round trip when that
      // takes locks (one simple query; lock keys are integers, so they go in the text), just
      // before it otherwise. READ COMMITTED takes a snapshot per statement, not at BEGIN, so
      // nothing reads differently; a transaction that sends nothing has nothing to commit.
      // Statements wait for BEGIN's answer (none may run outside the transaction) and are queued
      // on the connection in the order they were called.
      // Once BEGIN has answered, a statement goes to the connection at once, in the call (not a
      // turn later): the ingest sends its rows, then seals the ledger's records while PostgreSQL
      // writes them.
      let begun: Promise<unknown> | undefined;
      let open = false;
      const check = () => {
        if (!active) throw new Error('This transaction has already ended; use the database, or a new transaction.');
      };
      const inTransaction = async <T>(statement: () => Promise<T>): Promise<T> => {
        check();
        if (open) return statement();
        begun ??= client.query('BEGIN').then(
          () => (open = true),
          error => Promise.reject(translatePgError(error, where)),
        );
        return begun.then(statement);
      };
      const tx: Transaction = {
        dialect: 'postgres',
        query: <T>(sql: string, params: SqlParams = []) => inTransaction(async () => (await run(client, sql, params)).rows as T[]),
        queryOne: <T>(sql: string, params: SqlParams = []) => inTransaction(async () => (await run(client, sql, params)).rows[0] as T | undefined),
        run: (sql, params = []) => inTransaction(async () => changes(await run(client, sql, params))),
        exec: script => inTransaction(() => client.query(script).then(() => undefined, error => Promise.reject(translatePgError(error, where)))),
        lock: async name => {
          check();
          const keys = (typeof name === 'string' ? [name] : name).map(lockKey);
          if (keys.length === 0) return;
          if (!begun) {
            // In array order: the statements of a simple query run one after the other.
            begun = client.query(`BEGIN; ${keys.map(key => `SELECT pg_advisory_xact_lock('${integerLiteral(key)}'::bigint);`).join(' ')}`).then(
              () => (open = true),
              error => Promise.reject(translatePgError(error, where)),
            );
            await begun;
          } else if (keys.length === 1) await inTransaction(() => run(client, 'SELECT pg_advisory_xact_lock(?::bigint)', [keys[0]!]));
          // In array order: rows come in ordinality order (the plan has no sort; ORDER BY states it).
          else await inTransaction(() => run(client, LOCK_SEVERAL, [JSON.stringify(keys)]));
        },
        lockKey,
      };
      try {
        if (transactionOptions?.lock) await tx.lock(transactionOptions.lock);
        const result = await fn(tx);
        if (begun) await client.query('COMMIT');
        return result;
      } catch (error) {
        if (begun)
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
        throw translatePgError(error, where);
      } finally {
        active = false;
        // A connection that could not roll back is discarded rather than returned to the pool.
        client.release(broken);
      }
    },

    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

/** A lock key as SQL text: only an integer (lockKey's output) ever goes into a statement's text. */
function integerLiteral(key: string): string {
  if (!/^-?\d{1,20}$/.test(key)) throw new Error(`not an advisory lock key: ${key}`);
  return key;
}

const LOCK_SEVERAL = 'SELECT pg_advisory_xact_lock(t.k::bigint) FROM json_array_elements_text(?::json) WITH ORDINALITY AS t(k, n) ORDER BY t.n';

interface PostgresStatement {
  text: string;
  /** Set for statements prepared once per connection (see toPostgres). */
  name: string | undefined;
}

const translated = new Map<string, PostgresStatement>();
const namedTexts = new Set<string>();
const MAX_NAMED_STATEMENTS = 256;
const WRITES_NO_ROWS = /^\s*(INSERT|UPDATE|DELETE)\b(?![\s\S]*\bRETURNING\b)/i;

/**
 * `?` → `$n`, remembered per SQL text (bounded, for the few generated texts). Statements that
 * write and return no rows are also named, so each connection parses and plans them once (a
 * multi-row INSERT runs about 40% faster); a schema change cannot break them, as it can a
 * prepared `SELECT *` whose row type changed. At most MAX_NAMED_STATEMENTS texts are named.
 */
function toPostgres(sql: string): PostgresStatement {
  let statement = translated.get(sql);
  if (statement === undefined) {
    const { text, count } = translatePlaceholders(sql);
    let name: string | undefined;
    if (count > 0 && WRITES_NO_ROWS.test(sql) && (namedTexts.has(text) || namedTexts.size < MAX_NAMED_STATEMENTS)) {
      namedTexts.add(text);
      name = `rr_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    }
    statement = { text, name };
    if (translated.size >= 2000) translated.clear();
    translated.set(sql, statement);
  }
  return statement;
}

/**
 * node-postgres sends strings, numbers, Buffers and null as they are; bigints as text; booleans as
 * 1/0 like SQLite (PostgreSQL reads '1'/'0' into INTEGER and BOOLEAN columns alike).
 */
function toValues(params: SqlParams): unknown[] {
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (typeof value === 'bigint' || typeof value === 'boolean' || (value instanceof Uint8Array && !Buffer.isBuffer(value))) return params.map(toValue);
  }
  return params as unknown[];
}

function toValue(value: SqlParams[number]): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return Number(value);
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

function changes(result: pg.QueryResult): RunResult {
  return { changes: result.rowCount ?? 0 };
}

const INT8_OID = 20;

/** BIGINT as a number (as SQLite gives it), or a bigint past 2^53 so no value is silently rounded. */
function parseInt8(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

function getTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8_OID && format !== 'binary') return parseInt8;
  return pg.types.getTypeParser(oid, format as 'text');
}

/** host:port/database from a URL, never its user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
