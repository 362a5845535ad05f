import { HostBridgeError } from './HostBridgeError';
import { HOST_REGISTRY_GLOBAL, type HostRegistry } from './hostRegistry';
import { resolveHostModules, type BridgeEnvironment } from './resolveHostModules';
import { requiredIds } from './discoverHostModules';

// Plain-object stand-ins with the shapes the bridge checks.
function fakeReact(version = '18.3.1') {
  return { version, createElement() {}, useState() {}, useEffect() {} };
}
// React 18.3.1's react-dom reports a build-tagged version; discovery must still pair them.
function fakeReactDom(version = '18.3.1-next-f1338f8080-20240426') {
  return { version, createPortal() {} };
}
const fakeJsxRuntime = () => ({ jsx() {}, jsxs() {}, Fragment: Symbol('fragment') });
class ServicesManager {
  services = { uiNotificationService: { show: jest.fn() } };
}
const fakeOhifCore = (SM: unknown = ServicesManager) => ({
  ServicesManager: SM,
  ExtensionManager: class {},
  CommandsManager: class {},
  MODULE_TYPES: { PANEL: 'panelModule' },
});
const fakeCornerstone = () => ({ getRenderingEngines() {}, metaData: {}, eventTarget: {} });
const fakeCornerstoneTools = () => ({ annotation: {}, Enums: {}, ToolGroupManager: {} });

function environment(scope: Record<string, unknown>): BridgeEnvironment & { errors: unknown[][] } {
  const errors: unknown[][] = [];
  return { scope, console: { error: (...args: unknown[]) => errors.push(args), info: () => {} }, errors };
}

/**
 * A host shaped like an rspack production build: factories with real source text
 * (so markers and require calls are what discovery sees) and a chunk global whose push
 * runs a new chunk's runtime callback with the host require.
 */
function rspackHost(factorySources: Record<string, string>, fixtures: Record<string, unknown>) {
  const factories: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [id, body] of Object.entries(factorySources)) {
    factories[id] = new Function('module', 'exports', '__webpack_require__', body) as never;
  }
  const cache: Record<string, { exports: unknown }> = {};
  const require = ((id: string | number) => {
    const key = String(id);
    if (cache[key]) return cache[key].exports;
    const module = { exports: {} as unknown };
    cache[key] = module;
    factories[key]!(module, module.exports, require);
    return module.exports;
  }) as ((id: string | number) => unknown) & { m: typeof factories };
  require.m = factories;
  const installed = new Set<string>();
  const chunkGlobal: unknown[] = [];
  chunkGlobal.push = (...chunks: unknown[]) => {
    for (const chunk of chunks as Array<[string[], Record<string, never>, ((r: unknown) => void)?]>) {
      const [ids, more, runtime] = chunk;
      Object.assign(factories, more);
      if (ids.some(id => !installed.has(id))) runtime?.(require);
      ids.forEach(id => installed.add(id));
    }
    return chunkGlobal.length;
  };
  (globalThis as Record<string, unknown>).__bridgeFixtures = fixtures;
  return chunkGlobal;
}

const fixture = (name: string) => `module.exports = globalThis.__bridgeFixtures[${JSON.stringify(name)}];`;

function ohif313Sources() {
  return {
    '48249': `/** @license React\n * react.production.min.js */ ${fixture('react')}`,
    '86326': `module.exports = __webpack_require__(48249);`,
    '70993': `/** @license React\n * react-dom.production.min.js */ var aa=__webpack_require__(86326),ca=__webpack_require__(49828); ${fixture('reactDom')}`,
    '49828': `module.exports = {};`,
    '89094': `/** @license React\n * react-jsx-runtime.production.min.js */ var f=__webpack_require__(86326); ${fixture('jsx')}`,
    '50679': `const OHIF = { MODULE_TYPES: 1, ServicesManager: 1, ServiceProvidersManager: 1, ExtensionManager: 1, HangingProtocolService: 1 };
      __webpack_require__.d = undefined; exports.Ay = globalThis.__bridgeFixtures.ohifCore; exports.CS = 42;`,
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__bridgeFixtures;
});

describe('resolveHostModules', () => {
  it('takes every module from the official runtime globals (OHIF 3.14 contract)', async () => {
    const servicesManager = new ServicesManager();
    const scope: Record<string, unknown> = {
      react: fakeReact(),
      'react-dom': fakeReactDom(),
      'react/jsx-runtime': fakeJsxRuntime(),
      '@ohif/core': fakeOhifCore(),
      '@ohif/ui-next': { Button: () => null },
      '@cornerstonejs/core': fakeCornerstone(),
      '@cornerstonejs/tools': fakeCornerstoneTools(),
    };
    const registry = await resolveHostModules({ servicesManager, appConfig: { readingroom: { hostVersion: '3.14.0' } } }, environment(scope));
    expect(registry.require('react')).toBe(scope.react);
    expect(registry.require('@ohif/ui-next')).toBe(scope['@ohif/ui-next']);
    expect([...registry.sources.values()].every(s => s === 'official')).toBe(true);
    expect(scope[HOST_REGISTRY_GLOBAL]).toBe(registry);
  });

  it('discovers React, ReactDOM, the JSX runtime and @ohif/core through the chunk runtime (OHIF 3.13)', async () => {
    const react = fakeReact();
    const ohifCore = fakeOhifCore();
    const scope: Record<string, unknown> = {
      rspackChunk: rspackHost(ohif313Sources(), { react, reactDom: fakeReactDom(), jsx: fakeJsxRuntime(), ohifCore }),
      cornerstone: fakeCornerstone(),
      cornerstoneTools: fakeCornerstoneTools(),
    };
    const peerImport = jest.fn(async () => ({}));
    const registry = await resolveHostModules(
      { servicesManager: new ServicesManager(), appConfig: { peerImport } },
      environment(scope),
    );
    expect(registry.require('react')).toBe(react);
    expect(registry.require('@ohif/core')).toBe(ohifCore);
    expect(registry.require('@cornerstonejs/tools')).toBe(scope.cornerstoneTools);
    expect(registry.sources.get('react')).toBe('discovered');
    expect(registry.modules.has('@ohif/ui-next')).toBe(false);
    // Cornerstone globals exist only after OHIF's cornerstone extension loaded.
    expect(peerImport).toHaveBeenCalledWith('@ohif/extension-cornerstone');
  });

  it('rejects a react-dom bound to a React of another release', async () => {
    const scope: Record<string, unknown> = {
      rspackChunk: rspackHost(ohif313Sources(), { react: fakeReact('17.0.2'), reactDom: fakeReactDom(), jsx: fakeJsxRuntime(), ohifCore: fakeOhifCore() }),
      cornerstone: fakeCornerstone(),
      cornerstoneTools: fakeCornerstoneTools(),
    };
    await expect(resolveHostModules({ servicesManager: new ServicesManager() }, environment(scope))).rejects.toMatchObject({
      missing: ['react', 'react-dom', 'react/jsx-runtime'],
    });
  });

  it('rejects a JSX runtime bound to a second copy of React', async () => {
    const sources = {
      ...ohif313Sources(),
      '60000': `/** @license React\n * react.production.min.js */ ${fixture('otherReact')}`,
      '89094': `/** react-jsx-runtime.production.min.js */ var f=__webpack_require__(60000); ${fixture('jsx')}`,
    };
    const scope: Record<string, unknown> = {
      rspackChunk: rspackHost(sources, { react: fakeReact(), otherReact: fakeReact(), reactDom: fakeReactDom(), jsx: fakeJsxRuntime(), ohifCore: fakeOhifCore() }),
      cornerstone: fakeCornerstone(),
      cornerstoneTools: fakeCornerstoneTools(),
    };
    const env = environment(scope);
    await expect(resolveHostModules({ servicesManager: new ServicesManager() }, env)).rejects.toThrow(/react\/jsx-runtime/);
  });

  it('rejects an @ohif/core whose ServicesManager did not build this host', async () => {
    const scope: Record<string, unknown> = {
      '@ohif/core': fakeOhifCore(class OtherServicesManager {}),
      react: fakeReact(),
      'react-dom': fakeReactDom(),
      'react/jsx-runtime': fakeJsxRuntime(),
      '@cornerstonejs/core': fakeCornerstone(),
      '@cornerstonejs/tools': fakeCornerstoneTools(),
    };
    await expect(resolveHostModules({ servicesManager: new ServicesManager() }, environment(scope))).rejects.toMatchObject({
      missing: ['@ohif/core'],
    });
  });

  it('fails loudly, naming what is missing and the host version, in the console and in the viewer', async () => {
    const servicesManager = new ServicesManager();
    const scope: Record<string, unknown> = {
      rspackChunk: rspackHost(ohif313Sources(), { react: fakeReact(), reactDom: fakeReactDom(), jsx: fakeJsxRuntime(), ohifCore: fakeOhifCore() }),
      // No window.cornerstone / window.cornerstoneTools: a host that stopped publishing them.
    };
    const env = environment(scope);
    const error = await resolveHostModules(
      { servicesManager, appConfig: { peerImport: async () => ({}), readingroom: { hostVersion: '3.13.2' } } },
      env,
    ).catch(e => e);
    expect(error).toBeInstanceOf(HostBridgeError);
    expect(error.missing).toEqual(['@cornerstonejs/core', '@cornerstonejs/tools']);
    expect(error.message).toContain('version 3.13.2');
    expect(error.message).toContain('@cornerstonejs/core, @cornerstonejs/tools');
    expect(env.errors[0]?.[0]).toBe(error.message);
    expect(servicesManager.services.uiNotificationService.show).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'error', title: 'ReadingRoom could not start', message: error.message }),
    );
  });

  it('fails loudly for a host that is neither kind', async () => {
    const env = environment({ somethingElse: [] });
    await expect(resolveHostModules({}, env)).rejects.toThrow(
      'does not provide react, react-dom, react/jsx-runtime, @ohif/core, @cornerstonejs/core, @cornerstonejs/tools',
    );
  });

  it('resolves once per page: a second plugin reuses the registry', async () => {
    const scope: Record<string, unknown> = {
      rspackChunk: rspackHost(ohif313Sources(), { react: fakeReact(), reactDom: fakeReactDom(), jsx: fakeJsxRuntime(), ohifCore: fakeOhifCore() }),
      cornerstone: fakeCornerstone(),
      cornerstoneTools: fakeCornerstoneTools(),
    };
    const first: HostRegistry = await resolveHostModules({ servicesManager: new ServicesManager() }, environment(scope));
    scope.rspackChunk = undefined;
    const second = await resolveHostModules({ servicesManager: new ServicesManager() }, environment(scope));
    expect(second).toBe(first);
  });

  it('tells a plugin that used a host module too early what went wrong', async () => {
    const scope: Record<string, unknown> = {};
    await resolveHostModules({}, environment(scope)).catch(() => undefined);
    const registry = scope[HOST_REGISTRY_GLOBAL] as HostRegistry;
    expect(() => registry.require('react')).toThrow('"react" was used before the bridge resolved it');
  });
});

describe('requiredIds', () => {
  it.each([
    ['method shorthand (rspack)', '70993(__unused_rspack_module, exports, __webpack_require__) { var a=__webpack_require__(86326),b=__webpack_require__("x1"); }', ['86326', 'x1']],
    ['minified parameters', 'function(e,t,n){"use strict";var r=n(294),o=n(840);t.x=r}', ['294', '840']],
    ['no require parameter', 'function(e){e.exports=1}', []],
  ])('reads required ids from %s', (_name, source, ids) => {
    expect(requiredIds(source)).toEqual(ids);
  });
});
