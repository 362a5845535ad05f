/**
 * The forwarder's cursor and lease in `audit_forwarding`: how far a destination has received
 * (the last seq it confirmed), and which process forwards to it until when. Every change is a
 * short transaction of its own, never one that spans network I/O, so ledger writes never wait
 * on a repository.
 */
import type { Database, SqlExecutor } from '../../stores/db/Database.js';

export const FORWARDING_LOCK = 'audit-forwarding';

interface ForwardingRow {
  forwarded_seq: number;
  lease_holder: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export interface ForwardingStatus {
  destination: string;
  forwardedSeq: number;
  updatedAt: string;
  lastError: string | null;
  leaseHolder: string | null;
  leaseExpiresAt: string | null;
}

/**
 * Takes (or renews) the lease of `destination` for `holder` until `until`, when nobody holds it,
 * `holder` does, or the holder's lease ran out. Returns the confirmed seq, or undefined when
 * another process holds the lease.
 */
export async function claimForwardingLease(db: Database, destination: string, holder: string, now: Date, until: Date): Promise<number | undefined> {
  return db.transaction(
    async tx => {
      const row = await tx.queryOne<ForwardingRow>('SELECT forwarded_seq, lease_holder, lease_expires_at FROM audit_forwarding WHERE destination = ?', [destination]);
      if (!row) {
        await tx.run('INSERT INTO audit_forwarding (destination, forwarded_seq, updated_at, lease_holder, lease_expires_at) VALUES (?, 0, ?, ?, ?)', [destination, now.toISOString(), holder, until.toISOString()]);
        return 0;
      }
      const free = row.lease_holder === null || row.lease_holder === holder || row.lease_expires_at === null || row.lease_expires_at <= now.toISOString();
      if (!free) return undefined;
      await tx.run('UPDATE audit_forwarding SET lease_holder = ?, lease_expires_at = ? WHERE destination = ?', [holder, until.toISOString(), destination]);
      return Number(row.forwarded_seq);
    },
    { lock: FORWARDING_LOCK },
  );
}

/** Moves the cursor forward (never back) and renews the lease; false when `holder` no longer holds it. */
export async function advanceForwardingCursor(db: SqlExecutor, destination: string, holder: string, seq: number, now: Date, until: Date): Promise<boolean> {
  const result = await db.run(
    `UPDATE audit_forwarding SET forwarded_seq = CASE WHEN forwarded_seq > ? THEN forwarded_seq ELSE ? END, updated_at = ?, lease_expires_at = ?, last_error = NULL
     WHERE destination = ? AND lease_holder = ?`,
    [seq, seq, now.toISOString(), until.toISOString(), destination, holder],
  );
  return result.changes === 1;
}

/** Notes why forwarding fails (shown by status queries; a message without PHI). */
export async function noteForwardingError(db: SqlExecutor, destination: string, holder: string, message: string, now: Date): Promise<void> {
  await db.run('UPDATE audit_forwarding SET last_error = ?, updated_at = ? WHERE destination = ? AND lease_holder = ?', [message.slice(0, 500), now.toISOString(), destination, holder]);
}

/** Gives the lease up at shutdown, so another process takes over at once. */
export async function releaseForwardingLease(db: SqlExecutor, destination: string, holder: string): Promise<void> {
  await db.run('UPDATE audit_forwarding SET lease_holder = NULL, lease_expires_at = NULL WHERE destination = ? AND lease_holder = ?', [destination, holder]);
}

export async function readForwardingStatus(db: SqlExecutor, destination: string): Promise<ForwardingStatus | undefined> {
  const row = await db.queryOne<ForwardingRow>('SELECT forwarded_seq, lease_holder, lease_expires_at, last_error, updated_at FROM audit_forwarding WHERE destination = ?', [destination]);
  return (
    row && {
      destination,
      forwardedSeq: Number(row.forwarded_seq),
      updatedAt: row.updated_at,
      lastError: row.last_error,
      leaseHolder: row.lease_holder,
      leaseExpiresAt: row.lease_expires_at,
    }
  );
}
