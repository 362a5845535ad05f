import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { ensureOhifHost } from './host/ensureOhifHost.js';
import { seedDemoAccess } from './services/access/seedDemoAccess.js';
import { seedDemoProjects } from './services/labeling/seedDemoProjects.js';
import { seedDemoStudies } from './services/seedDemoStudies.js';

/**
 * Starts the server for real: makes sure the OHIF host is present, builds the app, listens,
 * and closes gracefully on SIGINT/SIGTERM (in-flight requests finish, the database closes).
 */
export async function startServer(config: ServerConfig): Promise<FastifyInstance> {
  const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
  const host = config.ohifDistDir
    ? { version: config.ohifVersion, distDir: config.ohifDistDir }
    : await ensureOhifHost({ version: config.ohifVersion, cacheDir: config.cacheDir, log });

  const app = await buildApp({
    ...config,
    viewer: { ohifDistDir: host.distDir, hostVersion: host.version, pluginsDir: config.pluginsDir },
  });

  if (config.seedDemo) {
    await seedDemoStudies(app.dicomStore, {
      seed: config.demoSeed,
      log: { info: m => app.log.info(m), warn: m => app.log.warn(m) },
    });
    const projects = await seedDemoProjects(app.projectService, { seed: config.demoSeed });
    if (projects.length > 0) app.log.info({ projects }, 'Demo labeling projects seeded with their schemas and studies');
    // The demo users' memberships and case assignments (docs/identity.md, "Demo users").
    await seedDemoAccess(app.accessStores, projects);
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err: { message: err.message, stack: err.stack } }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info({ ohifVersion: host.version, database: app.databaseKind }, `ReadingRoom is ready: http://${displayHost(config.host)}:${(app.server.address() as { port: number }).port}/`);
  return app;
}

function displayHost(host: string) {
  if (host === '127.0.0.1' || host === '::1' || host === '0.0.0.0') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
