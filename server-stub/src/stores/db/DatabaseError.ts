import type { Dialect } from './Database.js';

/** What went wrong, the same for both backends, so stores can react without knowing which one runs. */
export type DatabaseErrorKind =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'not_null_violation'
  | 'check_violation'
  /** PostgreSQL serialization failure or deadlock: the transaction may be retried. */
  | 'conflict'
  /** SQLite busy past busy_timeout, PostgreSQL statement or lock timeout. */
  | 'timeout'
  | 'connection'
  | 'syntax'
  | 'other';

/**
 * A database error with a message that never carries parameter values or connection secrets:
 * PostgreSQL's `detail` ("Key (x)=(value) already exists") and the URL stay out of it.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(
    message: string,
    readonly kind: DatabaseErrorKind,
    readonly dialect: Dialect,
    /** SQLSTATE on PostgreSQL, the extended result code name on SQLite (e.g. SQLITE_CONSTRAINT_UNIQUE). */
    readonly code: string | undefined,
    /** The constraint, where the backend names it. */
    readonly constraint?: string,
  ) {
    super(message);
  }
}

export const isUniqueViolation = (error: unknown): boolean => error instanceof DatabaseError && error.kind === 'unique_violation';
