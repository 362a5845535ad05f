import type { BreakGlassGrant, KnownUser, Role } from '@readingroom/platform-shim';
import type { SqlExecutor } from '../db/Database.js';

export interface DirectoryStore {
  /** Records that the user was seen signed in, with their current name and roles. */
  noteSeen(user: { id: string; displayName: string; roles: readonly Role[] }, now: string): Promise<void>;
  listUsers(): Promise<KnownUser[]>;
  insertGrant(grant: BreakGlassGrant): Promise<void>;
  /** The user's grants still valid at `nowMs`, newest first. */
  listActiveGrants(userId: string, nowMs: number): Promise<BreakGlassGrant[]>;
  /** Study UIDs of the user's grants still valid at `nowMs`. */
  findGrantedStudies(userId: string, nowMs: number): Promise<Set<string>>;
}

interface UserRow {
  user_id: string;
  display_name: string;
  roles: string;
  first_seen_at: string;
  last_seen_at: string;
}

interface GrantRow {
  grant_id: string;
  user_id: string;
  study_uid: string;
  reason: string;
  granted_at: string;
  expires_at: string;
}

/** Users seen signed in (a directory for admins) and break-glass grants. */
export function createDirectoryStore(db: SqlExecutor): DirectoryStore {
  return {
    async noteSeen(user, now) {
      await db.run(
        `INSERT INTO known_users (user_id, display_name, roles, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles, last_seen_at = excluded.last_seen_at`,
        [user.id, user.displayName, user.roles.join(' '), now, now],
      );
    },

    async listUsers() {
      const rows = await db.query<UserRow>('SELECT * FROM known_users ORDER BY user_id');
      return rows.map(r => ({
        userId: r.user_id,
        displayName: r.display_name,
        roles: r.roles.split(' ').filter(Boolean) as Role[],
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.last_seen_at,
      }));
    },

    async insertGrant(grant) {
      await db.run(
        'INSERT INTO break_glass_grants (grant_id, user_id, study_uid, reason, granted_at, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [grant.grantId, grant.userId, grant.StudyInstanceUID, grant.reason, grant.grantedAt, grant.expiresAt, Date.parse(grant.expiresAt)],
      );
    },

    async listActiveGrants(userId, nowMs) {
      const rows = await db.query<GrantRow>('SELECT * FROM break_glass_grants WHERE user_id = ? AND expires_ms > ? ORDER BY granted_at DESC', [userId, nowMs]);
      return rows.map(r => ({ grantId: r.grant_id, userId: r.user_id, StudyInstanceUID: r.study_uid, reason: r.reason, grantedAt: r.granted_at, expiresAt: r.expires_at }));
    },

    async findGrantedStudies(userId, nowMs) {
      const rows = await db.query<{ study_uid: string }>('SELECT DISTINCT study_uid FROM break_glass_grants WHERE user_id = ? AND expires_ms > ?', [userId, nowMs]);
      return new Set(rows.map(r => r.study_uid));
    },
  };
}
