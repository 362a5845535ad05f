import type { CaseAssignment, ProjectMember, ProjectRole } from '@readingroom/platform-shim';
import type { SqlExecutor } from '../db/Database.js';

export interface MembershipStore {
  listMembers(projectId: string): Promise<ProjectMember[]>;
  /** The user's project roles, by project. */
  listRolesOf(userId: string): Promise<Map<string, Set<ProjectRole>>>;
  /** Replaces the user's roles in the project (an empty list removes them). */
  setRoles(projectId: string, userId: string, roles: readonly ProjectRole[], by: string, now: string): Promise<void>;
  listAssignments(projectId: string, userId?: string): Promise<CaseAssignment[]>;
  /** The projects a study is part of. */
  findProjectsOfStudy(StudyInstanceUID: string): Promise<Set<string>>;
  /** The studies of these projects. */
  listStudiesOfProjects(projectIds: readonly string[]): Promise<Set<string>>;
  isAssigned(projectId: string, StudyInstanceUID: string, userId: string): Promise<boolean>;
  /** Creates the assignment unless it exists; answers whether it was created. */
  assign(assignment: Omit<CaseAssignment, 'assignedAt' | 'assignedBy'>, by: string, now: string): Promise<boolean>;
  unassign(projectId: string, StudyInstanceUID: string, userId: string): Promise<boolean>;
}

interface MemberRow {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  added_by: string;
  added_at: string;
}

interface AssignmentRow {
  project_id: string;
  study_uid: string;
  user_id: string;
  assigned_by: string;
  assigned_at: string;
}

/** Project membership (user, project, role) and case assignment (project, study, labeler). */
export function createMembershipStore(db: SqlExecutor): MembershipStore {
  return {
    async listMembers(projectId) {
      const rows = await db.query<MemberRow>('SELECT * FROM project_members WHERE project_id = ? ORDER BY user_id, role', [projectId]);
      return rows.map(r => ({ projectId: r.project_id, userId: r.user_id, role: r.role, addedBy: r.added_by, addedAt: r.added_at }));
    },

    async listRolesOf(userId) {
      const rows = await db.query<Pick<MemberRow, 'project_id' | 'role'>>('SELECT project_id, role FROM project_members WHERE user_id = ?', [userId]);
      const roles = new Map<string, Set<ProjectRole>>();
      for (const row of rows) roles.set(row.project_id, (roles.get(row.project_id) ?? new Set()).add(row.role));
      return roles;
    },

    async setRoles(projectId, userId, roles, by, now) {
      const keep = roles.length > 0 ? ` AND role NOT IN (${roles.map(() => '?').join(', ')})` : '';
      await db.run(`DELETE FROM project_members WHERE project_id = ? AND user_id = ?${keep}`, [projectId, userId, ...roles]);
      for (const role of roles) {
        await db.run('INSERT INTO project_members (project_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [projectId, userId, role, by, now]);
      }
    },

    async listAssignments(projectId, userId) {
      const byUser = userId === undefined ? '' : ' AND user_id = ?';
      const rows = await db.query<AssignmentRow>(`SELECT * FROM case_assignments WHERE project_id = ?${byUser} ORDER BY study_uid, user_id`, userId === undefined ? [projectId] : [projectId, userId]);
      return rows.map(r => ({ projectId: r.project_id, StudyInstanceUID: r.study_uid, userId: r.user_id, assignedBy: r.assigned_by, assignedAt: r.assigned_at }));
    },

    async findProjectsOfStudy(StudyInstanceUID) {
      const rows = await db.query<{ project_id: string }>('SELECT project_id FROM project_studies WHERE study_uid = ?', [StudyInstanceUID]);
      return new Set(rows.map(r => r.project_id));
    },

    async listStudiesOfProjects(projectIds) {
      if (projectIds.length === 0) return new Set();
      const rows = await db.query<{ study_uid: string }>(
        `SELECT DISTINCT study_uid FROM project_studies WHERE project_id IN (${projectIds.map(() => '?').join(', ')})`,
        projectIds,
      );
      return new Set(rows.map(r => r.study_uid));
    },

    async isAssigned(projectId, StudyInstanceUID, userId) {
      return (await db.queryOne('SELECT 1 AS found FROM case_assignments WHERE project_id = ? AND study_uid = ? AND user_id = ?', [projectId, StudyInstanceUID, userId])) !== undefined;
    },

    async assign({ projectId, StudyInstanceUID, userId }, by, now) {
      const { changes } = await db.run(
        'INSERT INTO case_assignments (project_id, study_uid, user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [projectId, StudyInstanceUID, userId, by, now],
      );
      return changes > 0;
    },

    async unassign(projectId, StudyInstanceUID, userId) {
      const { changes } = await db.run('DELETE FROM case_assignments WHERE project_id = ? AND study_uid = ? AND user_id = ?', [projectId, StudyInstanceUID, userId]);
      return changes > 0;
    },
  };
}
