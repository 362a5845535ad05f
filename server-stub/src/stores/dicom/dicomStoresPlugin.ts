import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createDicomFileStore, type DicomFileStore } from './createDicomFileStore.js';
import { createDicomIndex } from './createDicomIndex.js';
import type { DicomIndex } from './DicomIndex.js';

declare module 'fastify' {
  interface FastifyInstance {
    dicomIndex: DicomIndex;
    dicomFiles: DicomFileStore;
  }
}

export interface DicomStoresOptions {
  dicomStorageDir: string;
}

/** The DICOM index (in the server's database) and the Part 10 file store under dicomStorageDir. */
export const dicomStoresPlugin = fp(
  async (app: FastifyInstance, options: DicomStoresOptions) => {
    app.decorate('dicomIndex', createDicomIndex(app.database));
    app.decorate('dicomFiles', await createDicomFileStore(options.dicomStorageDir));
  },
  { name: 'dicom-stores', dependencies: ['stores'] },
);
