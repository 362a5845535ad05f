import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, ErrorResponse, LabelList, Uid } from '@readingroom/platform-shim';

export const studyLabelsRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}/studies/:StudyInstanceUID/labels`,
    {
      schema: {
        tags: ['labels'],
        summary: 'The current labels of a study',
        params: Type.Object({ StudyInstanceUID: Uid }),
        response: { 200: LabelList, 400: ErrorResponse },
      },
    },
    async request => ({ labels: await app.eventStore.listLabels(request.params.StudyInstanceUID) }),
  );
};
