import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/Database.js';
import { createDirectoryStore, type DirectoryStore } from './createDirectoryStore.js';
import { createMembershipStore, type MembershipStore } from './createMembershipStore.js';

export interface AccessStores {
  memberships: MembershipStore;
  directory: DirectoryStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    accessStores: AccessStores;
  }
}

export function createAccessStores(database: Database): AccessStores {
  return { memberships: createMembershipStore(database), directory: createDirectoryStore(database) };
}

/** Membership, assignment, user directory and break-glass stores on the server's database. */
export const accessStoresPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('accessStores', createAccessStores(app.database));
  },
  { name: 'access-stores', dependencies: ['stores'] },
);
