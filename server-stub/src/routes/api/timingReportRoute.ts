import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { API_BASE, ErrorResponse, TimingReport, TimingReportQuery, apiPaths } from '@readingroom/platform-shim';
import { formatTimingCsv } from '../../services/timing/formatTimingCsv.js';

/** Active labeling time per labeler, case, finding type and label, as JSON or CSV. */
export const timingReportRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}${apiPaths.timingReport}`,
    {
      schema: {
        tags: ['reports'],
        summary: 'Active labeling time per labeler, case, finding type and label',
        description:
          'JSON by default; CSV (RFC 4180) with `Accept: text/csv` or `format=csv`. Overlapping time of one labeler counts once ' +
          '(see `rule` in the JSON). No patient data: ids, study UIDs and milliseconds only.',
        querystring: TimingReportQuery,
        response: {
          200: { content: { 'application/json': { schema: TimingReport }, 'text/csv': { schema: Type.String() } } },
          400: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const report = await app.timingReportService.report(request.user, filters);
      const wantsCsv = format === 'csv' || (format === undefined && prefersCsv(request.headers.accept));
      if (!wantsCsv) return reply.type('application/json; charset=utf-8').send(report);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="timing-report.csv"')
        .send(formatTimingCsv(report));
    },
  );
};

/** True when the Accept header names text/csv before (or without) JSON. */
function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map(part => part.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.findIndex(t => t === 'application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
