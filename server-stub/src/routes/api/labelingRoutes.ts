import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { casesRoute } from './casesRoute.js';
import { labelsRoute } from './labelsRoute.js';
import { projectsRoute } from './projectsRoute.js';
import { schemasRoute } from './schemasRoute.js';
import { timingReportRoute } from './timingReportRoute.js';

/** The labeling workflow's REST routes (event ingest is `eventsRoute`). */
export const labelingRoutes: FastifyPluginAsyncTypebox = async app => {
  await app.register(projectsRoute);
  await app.register(schemasRoute);
  await app.register(labelsRoute);
  await app.register(casesRoute);
  await app.register(timingReportRoute);
};
