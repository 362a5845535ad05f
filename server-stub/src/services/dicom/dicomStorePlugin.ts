import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createDicomService, type DicomService } from './createDicomService.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Store and read DICOM instances: `storeInstances(files)`, `countInstances()`, queries, frames. */
    dicomStore: DicomService;
  }
}

export const dicomStorePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('dicomStore', createDicomService({ index: app.dicomIndex, files: app.dicomFiles, log: app.log }));
  },
  { name: 'dicom-store', dependencies: ['dicom-stores'] },
);
