import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSqliteEventStore, type EventStore } from './createEventStore.js';
import { openSqlite, type SqliteDatabase } from './openSqlite.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: SqliteDatabase;
    databaseKind: 'sqlite';
    eventStore: EventStore;
  }
}

export interface StoresOptions {
  databaseUrl: string;
}

/** The only code that opens the database; closes it when the server closes. */
export const storesPlugin = fp(
  async (app: FastifyInstance, options: StoresOptions) => {
    const path = options.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
    if (/^[a-z]+:\/\//i.test(path)) {
      throw new Error(`DATABASE_URL scheme not supported yet: ${path.split(':')[0]}. Use a SQLite file path.`);
    }
    const db = openSqlite(path);
    app.decorate('db', db);
    app.decorate('databaseKind', 'sqlite' as const);
    app.decorate('eventStore', createSqliteEventStore(db));
    app.addHook('onClose', async () => {
      db.close();
    });
  },
  { name: 'stores' },
);
