import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, ErrorResponse, LabelList, LabelVersionList, Slug, Uid, Uuid } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';

const StudyParams = Type.Object({ StudyInstanceUID: Uid });

/** Current labels of a study and the immutable history of each label. */
export const labelsRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}/studies/:StudyInstanceUID/labels`,
    {
      schema: {
        tags: ['labels'],
        summary: 'The current labels of a study (removed ones excluded), optionally of one project',
        params: StudyParams,
        querystring: Type.Object({ projectId: Type.Optional(Slug) }, { additionalProperties: false }),
        response: { 200: LabelList, 400: ErrorResponse },
      },
    },
    async request => ({ labels: await app.labelQueryService.listStudyLabels(request.user, request.params.StudyInstanceUID, request.query.projectId) }),
  );

  app.get(
    `${API_BASE}/studies/:StudyInstanceUID/label-versions`,
    {
      schema: {
        tags: ['labels'],
        summary: 'Every version of every label of a study (for auditors), by label and version',
        params: StudyParams,
        response: { 200: LabelVersionList, 400: ErrorResponse },
      },
    },
    async request => ({ versions: await app.labelQueryService.listStudyVersions(request.user, request.params.StudyInstanceUID) }),
  );

  app.get(
    `${API_BASE}/labels/:labelId/versions`,
    {
      schema: {
        tags: ['labels'],
        summary: 'The history of one label: every version, oldest first',
        params: Type.Object({ labelId: Uuid }),
        response: { 200: LabelVersionList, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async request => {
      const versions = await app.labelQueryService.listVersions(request.user, request.params.labelId);
      if (!versions) throw new HttpError(404, 'not_found', 'No version of this label is stored');
      return { versions };
    },
  );
};
