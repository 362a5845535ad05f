import { DatabaseError, type DatabaseErrorKind } from './DatabaseError.js';

interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  message: string;
}

const BY_STATE: Record<string, DatabaseErrorKind> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23502': 'not_null_violation',
  '23514': 'check_violation',
  '40001': 'conflict',
  '40P01': 'conflict',
  '57014': 'timeout',
  '55P03': 'timeout',
};

/** SQLSTATE classes whose messages name only SQL objects, never values, and are kept as they are. */
const SAFE_MESSAGE_CLASSES = new Set(['08', '0A', '28', '3D', '3F', '42', '53', '57']);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/**
 * A node-postgres error as a DatabaseError whose message carries no parameter values: `detail`
 * ("Key (x)=(…) already exists") and data-exception messages (class 22, which quote the value)
 * are left out; the SQLSTATE, constraint, table and column stay.
 */
export function translatePgError(error: unknown, where: string): unknown {
  // Duck-typed: socket errors come from Node's realm, where instanceof Error fails under jest.
  if (error instanceof DatabaseError || typeof error !== 'object' || error === null || typeof (error as PgErrorFields).message !== 'string') return error;
  const fields = error as PgErrorFields;
  const code = fields.code;
  if (code && NETWORK_CODES.has(code)) {
    return new DatabaseError(`PostgreSQL at ${where} is unreachable (${code})`, 'connection', 'postgres', code);
  }
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) {
    // Not from the server: a lost connection, a pool timeout, or a bug in our code (kept as is).
    if (/timeout exceeded when trying to connect/i.test(fields.message)) {
      const reason = 'no connection became free or could be made in time (every one of DATABASE_POOL_MAX busy, or the server does not answer)';
      return new DatabaseError(`PostgreSQL at ${where}: ${reason}`, 'timeout', 'postgres', code);
    }
    if (/Connection terminated|Client has encountered a connection error/i.test(fields.message)) {
      return new DatabaseError(`PostgreSQL at ${where}: ${fields.message}`, 'connection', 'postgres', code);
    }
    return error;
  }
  const stateClass = code.slice(0, 2);
  const kind: DatabaseErrorKind = BY_STATE[code] ?? (stateClass === '08' ? 'connection' : stateClass === '42' ? 'syntax' : 'other');
  const on = [fields.table && `table ${fields.table}`, fields.column && `column ${fields.column}`, fields.constraint && `constraint ${fields.constraint}`]
    .filter(Boolean)
    .join(', ');
  const what = kind !== 'other' ? kind.replace(/_/g, ' ') : stateClass === '22' ? 'invalid value' : 'error';
  const message = SAFE_MESSAGE_CLASSES.has(stateClass) ? fields.message : `${what} (SQLSTATE ${code})${on ? ` on ${on}` : ''}`;
  return new DatabaseError(`PostgreSQL: ${message}`, kind, 'postgres', code, fields.constraint);
}
