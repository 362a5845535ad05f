import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerConfig } from './config.js';
import { identityPlugin } from './identity/identityPlugin.js';
import { signInRecordingPlugin } from './identity/signIns/signInRecordingPlugin.js';
import { errorHandling } from './plugins/errorHandling.js';
import { auditRecorderPlugin } from './ledger/auditRecorderPlugin.js';
import { auditForwardingPlugin, type AuditForwardingPluginOptions } from './ledger/forwarding/auditForwardingPlugin.js';
import { dicomwebAccessRecordingPlugin } from './ledger/dicomweb/dicomwebAccessRecordingPlugin.js';
import { auditServicesPlugin } from './ledger/service/auditServicesPlugin.js';
import { openapi } from './plugins/openapi.js';
import { requestLogging } from './plugins/requestLogging.js';
import { accessRoutes } from './routes/api/accessRoutes.js';
import { auditRoutes } from './routes/api/auditRoutes.js';
import { eventsRoute } from './routes/api/eventsRoute.js';
import { sessionRoute } from './routes/api/sessionRoute.js';
import { exportsRoute } from './routes/api/exportsRoute.js';
import { labelingRoutes } from './routes/api/labelingRoutes.js';
import { dicomwebRoutes } from './routes/dicomweb/dicomwebRoutes.js';
import { DICOMWEB_PREFIX } from './routes/dicomweb/dicomwebRequest.js';
import { healthRoute } from './routes/healthRoute.js';
import { accessServicesPlugin } from './services/access/accessServicesPlugin.js';
import { dicomStorePlugin } from './services/dicom/dicomStorePlugin.js';
import { exportsServicesPlugin } from './services/exports/exportsServicesPlugin.js';
import { labelingServicesPlugin } from './services/labeling/labelingServicesPlugin.js';
import { accessStoresPlugin } from './stores/access/accessStoresPlugin.js';
import { dicomStoresPlugin } from './stores/dicom/dicomStoresPlugin.js';
import { labelingStoresPlugin } from './stores/labeling/labelingStoresPlugin.js';
import { storesPlugin } from './stores/storesPlugin.js';
import { viewerPlugin, type ViewerOptions } from './viewer/viewerPlugin.js';

export type AppConfig = Pick<ServerConfig, 'host' | 'databaseUrl' | 'identity' | 'logLevel' | 'dicomStorageDir'> &
  Partial<Pick<ServerConfig, 'dataDir' | 'breakGlassMinutes'>> &
  Partial<Pick<ServerConfig, 'databasePoolMax' | 'databaseStatementTimeoutMs' | 'pacsDicomwebUrl' | 'pacsAuthorization' | 'audit'>> & {
  /** The OHIF viewer to host; omitted by API-only tests. */
  viewer?: ViewerOptions;
  /** Shorter ATNA forwarding timings (tests). */
  auditForwardingTuning?: AuditForwardingPluginOptions['tuning'];
};

/**
 * The whole server as one Fastify instance, without listening: tests inject requests
 * into it, server.ts listens. Order: cross-cutting plugins → stores → services → routes.
 */
export async function buildApp(config: AppConfig, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    // Fastify's own request lines carry the URL (with UIDs); plugins/requestLogging.ts logs by route instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024 * 1024,
    // Unknown fields are rejected by the contract, never silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorHandling);
  await app.register(requestLogging);
  await app.register(openapi);
  await app.register(identityPlugin, { host: config.host, identity: config.identity, dataDir: config.dataDir });
  await app.register(storesPlugin, {
    databaseUrl: config.databaseUrl,
    poolMax: config.databasePoolMax,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  await app.register(auditRecorderPlugin, { ledger: config.audit });
  await app.register(signInRecordingPlugin);
  await app.register(auditForwardingPlugin, { forwarding: config.audit?.forwarding, source: config.audit?.source, tuning: config.auditForwardingTuning });
  await app.register(dicomStoresPlugin, { dicomStorageDir: config.dicomStorageDir });
  await app.register(labelingStoresPlugin);
  await app.register(accessStoresPlugin);
  await app.register(accessServicesPlugin, { breakGlassMinutes: config.breakGlassMinutes });
  await app.register(labelingServicesPlugin, { authorize: app.accessService.authorize, scopes: app.accessService });
  await app.register(dicomStorePlugin);
  await app.register(auditServicesPlugin, { authorize: app.accessService.authorize, source: config.audit?.source });
  await app.register(exportsServicesPlugin, {
    pacs: config.pacsDicomwebUrl ? { url: config.pacsDicomwebUrl, authorization: config.pacsAuthorization } : undefined,
  });

  await app.register(healthRoute);
  await app.register(sessionRoute);
  await app.register(eventsRoute);
  await app.register(labelingRoutes);
  await app.register(auditRoutes);
  await app.register(accessRoutes);
  await app.register(exportsRoute);
  await app.register(dicomwebAccessRecordingPlugin, { prefix: DICOMWEB_PREFIX });
  await app.register(dicomwebRoutes, { prefix: DICOMWEB_PREFIX });
  if (config.viewer) await app.register(viewerPlugin, config.viewer);
  return app;
}
