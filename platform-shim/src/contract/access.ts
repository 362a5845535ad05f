import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './coding.js';
import { Timestamp, Uid, Uuid } from './common.js';
import { ROLES } from './session.js';

/** The roles a person can hold within one project (site-admin and auditor are site-wide). */
export const PROJECT_ROLES = ['labeler', 'reviewer', 'adjudicator', 'project-admin'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
const ProjectRoleSchema = Type.Union(PROJECT_ROLES.map(r => Type.Literal(r)));

/** A user id as the identity provider issues it (`sub`). */
export const UserId = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\s/]+$' });

/** One role of one user in one project. */
export const ProjectMember = Type.Object({
  projectId: Slug,
  userId: UserId,
  role: ProjectRoleSchema,
  addedBy: Type.String(),
  addedAt: Timestamp,
});
export type ProjectMember = Static<typeof ProjectMember>;

export const ProjectMemberList = Type.Object({ members: Type.Array(ProjectMember) });
export type ProjectMemberList = Static<typeof ProjectMemberList>;

/** `PUT /projects/{projectId}/members/{userId}`: the project roles the user holds (replaces earlier ones). */
export const ProjectMemberInput = Type.Object(
  { roles: Type.Array(ProjectRoleSchema, { minItems: 1, maxItems: PROJECT_ROLES.length, uniqueItems: true }) },
  { additionalProperties: false },
);
export type ProjectMemberInput = Static<typeof ProjectMemberInput>;

/** A case (a study of a project) assigned to a labeler. */
export const CaseAssignment = Type.Object({
  projectId: Slug,
  StudyInstanceUID: Uid,
  userId: UserId,
  assignedBy: Type.String(),
  assignedAt: Timestamp,
});
export type CaseAssignment = Static<typeof CaseAssignment>;

export const CaseAssignmentList = Type.Object({ assignments: Type.Array(CaseAssignment) });
export type CaseAssignmentList = Static<typeof CaseAssignmentList>;

/** A user the server has seen signed in (identities live at the identity provider). */
export const KnownUser = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.Union(ROLES.map(r => Type.Literal(r)))),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
});
export type KnownUser = Static<typeof KnownUser>;

export const KnownUserList = Type.Object({ users: Type.Array(KnownUser) });
export type KnownUserList = Static<typeof KnownUserList>;

/** An auditor's explicit request to see a study's images (`POST /break-glass`). */
export const BreakGlassRequest = Type.Object(
  {
    StudyInstanceUID: Uid,
    reason: Type.String({ minLength: 10, maxLength: 1000, description: 'Why the images must be seen; kept with the grant, shown to whoever reviews break-glass use.' }),
  },
  { additionalProperties: false },
);
export type BreakGlassRequest = Static<typeof BreakGlassRequest>;

/** Time-limited access to one study's images, granted to an auditor by break-glass. */
export const BreakGlassGrant = Type.Object({
  grantId: Uuid,
  userId: Type.String(),
  StudyInstanceUID: Uid,
  reason: Type.String(),
  grantedAt: Timestamp,
  expiresAt: Timestamp,
});
export type BreakGlassGrant = Static<typeof BreakGlassGrant>;

export const BreakGlassGrantList = Type.Object({ grants: Type.Array(BreakGlassGrant) });
export type BreakGlassGrantList = Static<typeof BreakGlassGrantList>;
