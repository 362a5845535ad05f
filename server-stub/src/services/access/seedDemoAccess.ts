import type { ProjectRole } from '@readingroom/platform-shim';
import type { AccessStores } from '../../stores/access/accessStoresPlugin.js';

/** Who works on which demo project (demo users of identity/demo/demoUsers.ts). */
const DEMO_MEMBERS: Record<string, Array<{ userId: string; roles: ProjectRole[]; assignAll?: boolean }>> = {
  'lung-nodules-ct': [
    { userId: 'demo-labeler', roles: ['labeler'], assignAll: true },
    { userId: 'demo-reviewer', roles: ['reviewer'] },
    { userId: 'demo-adjudicator', roles: ['adjudicator'] },
    { userId: 'demo-project-admin', roles: ['project-admin'] },
  ],
  'cr-chest-findings': [
    { userId: 'demo-labeler-cr', roles: ['labeler'], assignAll: true },
    { userId: 'demo-reviewer', roles: ['reviewer'] },
  ],
};

/**
 * Makes the demo users members of the demo projects just seeded, and assigns each project's
 * cases to its demo labeler. Only for projects seeded now, so an admin's later changes stay.
 */
export async function seedDemoAccess(stores: AccessStores, seededProjectIds: readonly string[], now = new Date().toISOString()): Promise<void> {
  for (const projectId of seededProjectIds) {
    const studies = await stores.memberships.listStudiesOfProjects([projectId]);
    for (const member of DEMO_MEMBERS[projectId] ?? []) {
      await stores.memberships.setRoles(projectId, member.userId, member.roles, 'readingroom-demo-seed', now);
      if (!member.assignAll) continue;
      for (const StudyInstanceUID of [...studies].sort()) await stores.memberships.assign({ projectId, StudyInstanceUID, userId: member.userId }, 'readingroom-demo-seed', now);
    }
  }
}
