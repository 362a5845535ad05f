import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createIngestService, type IngestService } from './createIngestService.js';

declare module 'fastify' {
  interface FastifyInstance {
    ingestService: IngestService;
  }
}

export const servicesPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('ingestService', createIngestService({ eventStore: app.eventStore }));
  },
  { name: 'services', dependencies: ['stores'] },
);
