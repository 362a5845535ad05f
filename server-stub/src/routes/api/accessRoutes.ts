import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  API_BASE,
  BreakGlassGrant,
  BreakGlassGrantList,
  BreakGlassRequest,
  CaseAssignment,
  CaseAssignmentList,
  ErrorResponse,
  KnownUserList,
  ProjectMemberInput,
  ProjectMemberList,
  Slug,
  Uid,
  UserId,
  apiPaths,
} from '@readingroom/platform-shim';

const ProjectParams = Type.Object({ projectId: Slug });
const MemberParams = Type.Object({ projectId: Slug, userId: UserId });
const AssigneeParams = Type.Object({ projectId: Slug, StudyInstanceUID: Uid, userId: UserId });
const refusals = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Project membership, case assignment, the user directory and break-glass (docs/identity.md). */
export const accessRoutes: FastifyPluginAsyncTypebox = async app => {
  const admin = app.accessAdminService;

  app.get(
    `${API_BASE}/projects/:projectId/members`,
    { schema: { tags: ['access'], summary: "A project's members and their project roles (project admins, site admins)", params: ProjectParams, response: { 200: ProjectMemberList, ...refusals } } },
    async request => ({ members: await admin.listMembers(request.user, request.params.projectId) }),
  );

  app.put(
    `${API_BASE}/projects/:projectId/members/:userId`,
    {
      schema: {
        tags: ['access'],
        summary: "Set a user's roles in a project (replaces earlier ones)",
        description: 'Project admins manage labelers, reviewers and adjudicators; only site admins appoint or remove project admins. A role takes effect only when the identity provider grants the user that role too.',
        params: MemberParams,
        body: ProjectMemberInput,
        response: { 200: ProjectMemberList, ...refusals },
      },
    },
    async request => ({ members: await admin.setMemberRoles(request.user, request.params.projectId, request.params.userId, request.body.roles) }),
  );

  app.delete(
    `${API_BASE}/projects/:projectId/members/:userId`,
    { schema: { tags: ['access'], summary: 'Remove a user from a project (their labels stay)', params: MemberParams, response: { 204: Type.Null(), ...refusals } } },
    async (request, reply) => {
      await admin.removeMember(request.user, request.params.projectId, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${API_BASE}/projects/:projectId/assignments`,
    { schema: { tags: ['access'], summary: 'Case assignments of a project (a labeler sees their own)', params: ProjectParams, response: { 200: CaseAssignmentList, ...refusals } } },
    async request => ({ assignments: await admin.listAssignments(request.user, request.params.projectId) }),
  );

  app.put(
    `${API_BASE}/projects/:projectId/cases/:StudyInstanceUID/assignees/:userId`,
    {
      schema: {
        tags: ['access'],
        summary: 'Assign a case (a study of the project) to a labeler of the project (idempotent)',
        description: 'Answers 201 when the assignment was created, 200 when it existed; 409 when the study is not part of the project or the user is not one of its labelers.',
        params: AssigneeParams,
        response: { 200: CaseAssignment, 201: CaseAssignment, 409: ErrorResponse, ...refusals },
      },
    },
    async (request, reply) => {
      const { projectId, StudyInstanceUID, userId } = request.params;
      const { assignment, created } = await admin.assignCase(request.user, projectId, StudyInstanceUID, userId);
      return reply.code(created ? 201 : 200).send(assignment);
    },
  );

  app.delete(
    `${API_BASE}/projects/:projectId/cases/:StudyInstanceUID/assignees/:userId`,
    { schema: { tags: ['access'], summary: 'Take a case away from a labeler (their labels stay)', params: AssigneeParams, response: { 204: Type.Null(), ...refusals } } },
    async (request, reply) => {
      const { projectId, StudyInstanceUID, userId } = request.params;
      await admin.unassignCase(request.user, projectId, StudyInstanceUID, userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${API_BASE}${apiPaths.users}`,
    { schema: { tags: ['access'], summary: 'Users seen signed in, with the roles their identity provider gave them (site admins, project admins)', response: { 200: KnownUserList, ...refusals } } },
    async request => ({ users: await admin.listUsers(request.user) }),
  );

  app.post(
    `${API_BASE}${apiPaths.breakGlass}`,
    {
      schema: {
        tags: ['access'],
        summary: "Break-glass: an auditor's time-limited access to one study's images, with a reason",
        description: 'Recorded in the audit ledger as a security alert (security.break-glass) before access starts. Auditors only.',
        body: BreakGlassRequest,
        response: { 201: BreakGlassGrant, ...refusals },
      },
    },
    async (request, reply) => reply.code(201).send(await admin.breakGlass(request.user, request.body)),
  );

  app.get(
    `${API_BASE}${apiPaths.breakGlass}`,
    { schema: { tags: ['access'], summary: "The caller's break-glass grants still in force", response: { 200: BreakGlassGrantList, ...refusals } } },
    async request => ({ grants: await admin.listBreakGlassGrants(request.user) }),
  );
};
