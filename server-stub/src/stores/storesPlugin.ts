import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Dialect } from './db/Database.js';
import { openDatabase, type DatabaseOptions } from './db/openDatabase.js';
import { migrations } from './migrations/migrations.js';
import { runMigrations } from './migrations/runMigrations.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    databaseKind: Dialect;
  }
}

export interface StoresOptions extends Pick<DatabaseOptions, 'poolMax' | 'statementTimeoutMs'> {
  databaseUrl: string;
}

/** The only code that opens the database: brings its schema up to date, closes it when the server closes. */
export const storesPlugin = fp(
  async (app: FastifyInstance, options: StoresOptions) => {
    const database = await openDatabase(options.databaseUrl, {
      poolMax: options.poolMax,
      statementTimeoutMs: options.statementTimeoutMs,
      onIdleError: error => app.log.error({ err: error }, 'idle database connection failed'),
    });
    try {
      const applied = await runMigrations(database, migrations);
      if (applied.length > 0) app.log.info({ migrations: applied, database: database.dialect }, 'database schema updated');
    } catch (error) {
      await database.close();
      throw error;
    }
    app.decorate('database', database);
    app.decorate('databaseKind', database.dialect);
    app.addHook('onClose', () => database.close());
  },
  { name: 'stores' },
);
