import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '@readingroom/platform-shim';

/** A synthetic person of the demo identity provider (`IDENTITY=demo`). Names are invented. */
export interface DemoUser {
  /** The `sub` of their tokens and their ReadingRoom user id. */
  id: string;
  /** What they type on the sign-in page. */
  username: string;
  displayName: string;
  roles: Role[];
}

/**
 * Every demo user signs in with this password. It is public (README, docs/identity.md): the demo
 * provider therefore runs only while the server binds to loopback.
 */
export const DEMO_PASSWORD = 'demo';

/** One demo user per role, plus a second labeler working on the other demo project. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'demo-labeler', username: 'labeler', displayName: 'Lena Labeler', roles: ['labeler'] },
  { id: 'demo-labeler-cr', username: 'labeler-cr', displayName: 'Omar Okafor', roles: ['labeler'] },
  { id: 'demo-reviewer', username: 'reviewer', displayName: 'Rita Reviewer', roles: ['reviewer'] },
  { id: 'demo-adjudicator', username: 'adjudicator', displayName: 'Ade Adjudicator', roles: ['adjudicator'] },
  { id: 'demo-project-admin', username: 'project-admin', displayName: 'Paula Projectadmin', roles: ['project-admin'] },
  { id: 'demo-site-admin', username: 'site-admin', displayName: 'Sami Siteadmin', roles: ['site-admin'] },
  { id: 'demo-auditor', username: 'auditor', displayName: 'Aud Auditor', roles: ['auditor'] },
];

export function findDemoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find(user => user.id === id);
}

/** The demo user with these credentials, or undefined; the comparison takes the same time for any password. */
export function checkDemoCredentials(username: string, password: string): DemoUser | undefined {
  const user = DEMO_USERS.find(u => u.username === username.trim().toLowerCase());
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const passwordMatches = timingSafeEqual(digest(password), digest(DEMO_PASSWORD));
  return user && passwordMatches ? user : undefined;
}
