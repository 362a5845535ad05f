import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildTestApp, type TestApp } from '../helper.js';

let t: TestApp;

beforeAll(async () => {
  const probe = await buildTestApp();
  const dist = join(probe.dir, 'ohif-dist');
  const plugins = join(probe.dir, 'plugins');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  mkdirSync(plugins);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>OHIF</title>');
  writeFileSync(join(dist, 'app-config.js'), 'window.config = { stock: true };');
  writeFileSync(join(dist, 'app.bundle.0f6159c501addfe9.js'), 'console.log("host")');
  writeFileSync(join(dist, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(plugins, 'extension-labeling.0123456789abcdef.mjs'), 'export default {}');
  writeFileSync(join(plugins, 'extension-labeling.plugin.json'), JSON.stringify({ id: '@readingroom/extension-labeling', kind: 'extension', version: '0.1.0', file: 'extension-labeling.0123456789abcdef.mjs' }));
  writeFileSync(join(plugins, 'mode-labeling.plugin.json'), JSON.stringify({ id: '@readingroom/mode-labeling', kind: 'mode', version: '0.1.0', file: 'mode-labeling.fedcba9876543210.mjs' }));
  await probe.app.close();
  t = await buildTestApp({ viewer: { ohifDistDir: dist, pluginsDir: plugins, hostVersion: '3.13.2' } });
});
afterAll(() => t.close());

describe('viewer hosting', () => {
  it('generates app-config.js with our plugins by URL, our DICOMweb and the host version', async () => {
    const response = await t.app.inject({ url: '/app-config.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    type GeneratedConfig = {
      extensions: string[];
      modes: string[];
      defaultDataSourceName: string;
      dataSources: Array<{ sourceName: string; configuration: Record<string, unknown> }>;
      readingroom: Record<string, unknown>;
    };
    const window: { location: { origin: string }; config?: GeneratedConfig } = { location: { origin: 'https://rr.example' } };
    vm.runInNewContext(response.body, { window });
    const config = window.config!;
    expect(config.extensions).toEqual(['https://rr.example/plugins/extension-labeling.0123456789abcdef.mjs']);
    expect(config.modes).toEqual(['https://rr.example/plugins/mode-labeling.fedcba9876543210.mjs']);
    expect(config.dataSources[0]!.configuration).toMatchObject({
      qidoRoot: 'https://rr.example/dicomweb',
      wadoRoot: 'https://rr.example/dicomweb',
      imageRendering: 'wadors',
    });
    expect(config.defaultDataSourceName).toBe(config.dataSources[0]!.sourceName);
    expect(config.readingroom).toEqual({ hostVersion: '3.13.2', serverVersion: '0.1.0', apiBase: 'https://rr.example/api/v1' });
  });

  it('serves plugin modules as text/javascript, cached forever by their content-hashed names', async () => {
    const response = await t.app.inject({ url: '/plugins/extension-labeling.0123456789abcdef.mjs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the stock OHIF files untouched', async () => {
    const bundle = await t.app.inject({ url: '/app.bundle.0f6159c501addfe9.js' });
    expect(bundle.body).toBe('console.log("host")');
    expect(bundle.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ url: '/assets/logo.svg' })).body).toBe('<svg/>');
  });

  it('answers viewer routes with index.html, revalidated on every load', async () => {
    const response = await t.app.inject({ url: '/labeling?StudyInstanceUIDs=1.2.3' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>OHIF</title>');
  });

  it.each(['/plugins/missing.mjs', '/plugins/', '/api/v1/unknown', '/healthz/x'])(
    'never answers %s with the viewer page',
    async url => {
      const response = await t.app.inject({ url });
      expect(response.headers['content-type']).not.toContain('text/html');
    },
  );

  it('does not serve files outside the viewer folder', async () => {
    const response = await t.app.inject({ url: '/%2e%2e/%2e%2e/etc/passwd' });
    expect(response.body).not.toContain('root:');
  });
});
