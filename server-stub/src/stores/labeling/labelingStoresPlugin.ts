import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createLabelingStores, type LabelingStores } from './createLabelingStores.js';

declare module 'fastify' {
  interface FastifyInstance {
    labelingStores: LabelingStores;
  }
}

/** The labeling stores on the server's database (opened and migrated by the stores plugin). */
export const labelingStoresPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('labelingStores', createLabelingStores(app.database));
  },
  { name: 'labeling-stores', dependencies: ['stores'] },
);
