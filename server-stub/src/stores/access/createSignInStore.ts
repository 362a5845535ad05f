import type { SqlExecutor } from '../db/Database.js';

export interface SignInStore {
  /** Remembers a sign-in session; true when it was new (no process had remembered it before). */
  remember(sessionKey: string, userId: string, now: string): Promise<boolean>;
}

export function createSignInStore(db: SqlExecutor): SignInStore {
  return {
    async remember(sessionKey, userId, now) {
      const result = await db.run('INSERT INTO sign_in_sessions (session_key, user_id, first_seen_at) VALUES (?, ?, ?) ON CONFLICT (session_key) DO NOTHING', [sessionKey, userId, now]);
      return result.changes === 1;
    },
  };
}
