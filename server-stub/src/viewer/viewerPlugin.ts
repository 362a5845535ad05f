import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { serverVersion } from '../serverVersion.js';
import { createAppConfig } from './createAppConfig.js';
import { readPluginManifests } from './readPluginManifests.js';

export interface ViewerOptions {
  ohifDistDir: string;
  hostVersion: string;
  pluginsDir: string;
}

// Paths the viewer must never answer with index.html: a miss there is a real 404.
const NOT_VIEWER = /^\/(api|dicomweb|plugins|healthz|oidc)(\/|$)/;
// Bundler output named by content hash never changes; everything else is revalidated.
const HASHED = /\.[0-9a-f]{8,}\.(m?js|css|wasm)$|^[0-9a-f]{16}\.wasm$/;

/**
 * Serves the stock OHIF dist untouched, except `app-config.js`, which we generate; our built
 * plugins under /plugins/; and index.html for the viewer's client-side routes.
 */
export const viewerPlugin = fp(
  async (app: FastifyInstance, options: ViewerOptions) => {
    const plugins = await readPluginManifests(options.pluginsDir);
    if (plugins.length === 0) {
      app.log.warn({ pluginsDir: options.pluginsDir }, 'No built ReadingRoom plugins found; run `npm run build`. The viewer runs without them.');
    }
    // Made on first request: the demo provider's issuer names the port, known once the server listens.
    let appConfig: string | undefined;
    const getAppConfig = () => {
      const oidc = app.oidcClient ? { issuer: app.oidcClient.issuer(), clientId: app.oidcClient.clientId, scope: app.oidcClient.scope } : undefined;
      return (appConfig ??= createAppConfig({ hostVersion: options.hostVersion, serverVersion, plugins, oidc }));
    };

    await app.register(fastifyStatic, { root: options.ohifDistDir, serve: false, cacheControl: false });
    // RFC 9239: JavaScript (modules included) is text/javascript; `send` would say application/javascript.
    app.addHook('onSend', async (request, reply, payload) => {
      if (/\.m?js$/.test(request.url.split('?')[0]!) && reply.statusCode === 200) reply.type('text/javascript; charset=utf-8');
      return payload;
    });

    app.get('/app-config.js', async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(getAppConfig()),
    );

    app.get('/plugins/*', async (request, reply) => {
      const file = safeRelative((request.params as { '*': string })['*']);
      if (!file || !(await isFile(join(options.pluginsDir, file)))) {
        return reply.code(404).send({ error: 'not_found', message: 'No such plugin file' });
      }
      setCaching(reply, file);
      return reply.sendFile(file, options.pluginsDir);
    });

    app.get('/*', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      if (NOT_VIEWER.test(path)) {
        return reply.code(404).send({ error: 'not_found', message: `No route for GET ${path.split('/').slice(0, 3).join('/')}` });
      }
      const file = safeRelative(decodeURIComponent(path));
      if (file && (await isFile(join(options.ohifDistDir, file)))) {
        setCaching(reply, file);
        return reply.sendFile(file);
      }
      // A viewer route such as /labeling?StudyInstanceUIDs=...: the single-page app handles it.
      reply.header('cache-control', 'no-cache');
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  },
  { name: 'viewer', dependencies: ['identity'] },
);

function safeRelative(path: string): string | undefined {
  const normalized = normalize(path).replace(/^([/\\])+/, '');
  if (normalized === '' || normalized === '.' || normalized.split(sep).includes('..')) return undefined;
  return normalized;
}

async function isFile(path: string) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function setCaching(reply: FastifyReply, file: string) {
  const name = file.split('/').pop()!;
  if (HASHED.test(name)) reply.header('cache-control', 'public, max-age=31536000, immutable');
  else reply.header('cache-control', 'no-cache');
  if (extname(name) === '.wasm') reply.type('application/wasm');
}
