import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, ErrorResponse, Project, ProjectInput, ProjectList, ProjectStudy, Slug, StudyProjectList, Uid } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';

const ProjectParams = Type.Object({ projectId: Slug });
const MembershipParams = Type.Object({ projectId: Slug, StudyInstanceUID: Uid });

/** Projects and the studies they label. */
export const projectsRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}/projects`,
    { schema: { tags: ['projects'], summary: 'Every project, with its latest schema version', response: { 200: ProjectList } } },
    async request => ({ projects: await app.projectService.listProjects(request.user) }),
  );

  app.get(
    `${API_BASE}/projects/:projectId`,
    { schema: { tags: ['projects'], summary: 'One project', params: ProjectParams, response: { 200: Project, 400: ErrorResponse, 404: ErrorResponse } } },
    async request => {
      const project = await app.projectService.getProject(request.user, request.params.projectId);
      if (!project) throw new HttpError(404, 'not_found', `No project "${request.params.projectId}"`);
      return project;
    },
  );

  app.put(
    `${API_BASE}/projects/:projectId`,
    {
      schema: {
        tags: ['projects'],
        summary: 'Create or update a project (title, description)',
        description: 'Answers 201 when the project was created, 200 when an existing one was updated.',
        params: ProjectParams,
        body: ProjectInput,
        response: { 200: Project, 201: Project, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { project, created } = await app.projectService.saveProject(request.user, request.params.projectId, request.body);
      return reply.code(created ? 201 : 200).send(project);
    },
  );

  app.put(
    `${API_BASE}/projects/:projectId/studies/:StudyInstanceUID`,
    {
      schema: {
        tags: ['projects'],
        summary: 'Make a study part of a project (idempotent)',
        params: MembershipParams,
        response: { 200: ProjectStudy, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async request => app.projectService.addStudy(request.user, request.params.projectId, request.params.StudyInstanceUID),
  );

  app.delete(
    `${API_BASE}/projects/:projectId/studies/:StudyInstanceUID`,
    {
      schema: {
        tags: ['projects'],
        summary: 'Take a study out of a project',
        description: 'Its labels stay (with their history); new labels of the project on this study are rejected. 404 when it was not part of the project.',
        params: MembershipParams,
        response: { 204: Type.Null(), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await app.projectService.removeStudy(request.user, request.params.projectId, request.params.StudyInstanceUID);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${API_BASE}/studies/:StudyInstanceUID/projects`,
    {
      schema: {
        tags: ['projects'],
        summary: 'The projects labeling a study, each with its latest schema',
        params: Type.Object({ StudyInstanceUID: Uid }),
        response: { 200: StudyProjectList, 400: ErrorResponse },
      },
    },
    async request => ({ projects: await app.projectService.listStudyProjects(request.user, request.params.StudyInstanceUID) }),
  );
};
