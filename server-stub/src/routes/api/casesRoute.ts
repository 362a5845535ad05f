import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, CaseList, ErrorResponse, NextCase, NextCaseQuery, Slug } from '@readingroom/platform-shim';

const ProjectParams = Type.Object({ projectId: Slug });

/** The caller's cases of a project and the next one to open. */
export const casesRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}/projects/:projectId/cases`,
    {
      schema: {
        tags: ['cases'],
        summary: "The caller's status on each study of a project (not-started, in-progress, submitted) with their label count",
        params: ProjectParams,
        response: { 200: CaseList, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async request => ({ cases: await app.caseService.listCases(request.user, request.params.projectId) }),
  );

  app.get(
    `${API_BASE}/projects/:projectId/cases/next`,
    {
      schema: {
        tags: ['cases'],
        summary: 'The next case to open: the first not submitted after `after` (wrapping around); null when none is left',
        params: ProjectParams,
        querystring: NextCaseQuery,
        response: { 200: NextCase, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async request => ({ case: await app.caseService.nextCase(request.user, request.params.projectId, request.query.after) }),
  );
};
