import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_BASE, ErrorResponse, IngestBatchRequest, IngestBatchResponse, apiPaths } from '@readingroom/platform-shim';

export const eventsRoute: FastifyPluginAsyncTypebox = async app => {
  // Only JSON is accepted here; a text body is a client mistake worth a 415, not a schema error.
  app.removeContentTypeParser('text/plain');
  app.post(
    `${API_BASE}${apiPaths.events}`,
    {
      schema: {
        tags: ['events'],
        summary: 'Store a batch of label, timing and audit events',
        description:
          'Each event is validated on its own; the answer lists, per event and in order, whether it was stored, ' +
          'was a duplicate of one already stored (same client and event id), or was rejected (with the reason).',
        body: IngestBatchRequest,
        response: { 200: IngestBatchResponse, 400: ErrorResponse, 413: ErrorResponse },
      },
    },
    async request => ({ results: await app.ingestService.ingest(request.body, request.user) }),
  );
};
