import type { ChunkRequire } from './captureChunkRequire.js';
import { hasExpectedShape } from './hostModules.js';

const REACT_DOM_MARKER = /react-dom\.(production\.min|production|development)\.js/;
const JSX_RUNTIME_MARKER = /react-jsx-runtime\.(production\.min|production|development)\.js/;
// Keys of @ohif/core's default export object literal; property names survive minification.
const OHIF_CORE_MARKERS = ['MODULE_TYPES:', 'ServicesManager:', 'ServiceProvidersManager:', 'ExtensionManager:', 'HangingProtocolService:'];
const MAX_OHIF_CORE_CANDIDATES = 4;

export interface DiscoveryOptions {
  /** Identity check for @ohif/core: the candidate must be the class that built this host's services. */
  isOhifCore?: (candidate: unknown) => boolean;
}

/**
 * Finds React, ReactDOM, the JSX runtime and @ohif/core among the host's module factories.
 * Markers only nominate candidates; each is accepted by shape, and by identity:
 * react-dom and the JSX runtime must be bound to the same React module.
 */
export function discoverHostModules(require: ChunkRequire, options: DiscoveryOptions = {}): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const sources = readFactorySources(require);

  const reactDom = findReactDom(require, sources);
  if (reactDom) {
    found.set('react', reactDom.react);
    found.set('react-dom', reactDom.reactDom);
    const jsxRuntime = findJsxRuntime(require, sources, reactDom.react);
    if (jsxRuntime) found.set('react/jsx-runtime', jsxRuntime);
  }

  const ohifCore = findOhifCore(require, sources, options.isOhifCore ?? (() => true));
  if (ohifCore) found.set('@ohif/core', ohifCore);
  return found;
}

type Sources = Array<[id: string, source: string]>;

function readFactorySources(require: ChunkRequire): Sources {
  return Object.keys(require.m).map(id => [id, safeSource(require.m[id])]);
}

function safeSource(factory: unknown): string {
  try {
    return typeof factory === 'function' ? Function.prototype.toString.call(factory) : '';
  } catch {
    return '';
  }
}

/** Ids a factory requires, found from its third parameter's name (the bundler's require). */
export function requiredIds(source: string): string[] {
  const params = /^[^(]*\(\s*([\w$]+)?\s*,?\s*([\w$]+)?\s*,?\s*([\w$]+)?/.exec(source);
  const requireName = params?.[3];
  if (!requireName) return [];
  const escaped = requireName.replace(/\$/g, '\\$');
  const calls = source.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\(\\s*("?)(\\w+)\\1\\s*\\)`, 'g'));
  return [...new Set(Array.from(calls, m => m[2]!))];
}

function safeRequire(require: ChunkRequire, id: string): unknown {
  try {
    return require(id);
  } catch {
    return undefined;
  }
}

function findReactDom(require: ChunkRequire, sources: Sources) {
  for (const [id, source] of sources) {
    if (!REACT_DOM_MARKER.test(source)) continue;
    const reactDom = safeRequire(require, id);
    if (!hasExpectedShape('react-dom', reactDom)) continue;
    for (const depId of requiredIds(source)) {
      const react = safeRequire(require, depId);
      if (hasExpectedShape('react', react) && sameRelease(react, reactDom)) {
        return { react, reactDom };
      }
    }
  }
  return undefined;
}

/** React 18.3.1 ships react-dom as "18.3.1-next-<sha>-<date>": compare the release, not the build tag. */
function sameRelease(react: unknown, reactDom: unknown): boolean {
  const release = (x: unknown) => String((x as { version?: unknown }).version).split('-')[0];
  return release(react) === release(reactDom);
}

function findJsxRuntime(require: ChunkRequire, sources: Sources, react: unknown) {
  for (const [id, source] of sources) {
    if (!JSX_RUNTIME_MARKER.test(source)) continue;
    const boundToSameReact = requiredIds(source).some(depId => safeRequire(require, depId) === react);
    if (!boundToSameReact) continue;
    const runtime = safeRequire(require, id);
    if (hasExpectedShape('react/jsx-runtime', runtime)) return runtime;
  }
  return undefined;
}

function findOhifCore(require: ChunkRequire, sources: Sources, isOhifCore: (candidate: unknown) => boolean) {
  const candidates = sources.filter(([, source]) => OHIF_CORE_MARKERS.every(marker => source.includes(marker)));
  for (const [id] of candidates.slice(0, MAX_OHIF_CORE_CANDIDATES)) {
    const exports = safeRequire(require, id);
    for (const value of exportedValues(exports)) {
      if (hasExpectedShape('@ohif/core', value) && isOhifCore(value)) return value;
    }
  }
  return undefined;
}

function exportedValues(exports: unknown): unknown[] {
  if (typeof exports !== 'object' || exports === null) return [];
  const values: unknown[] = [];
  for (const key of Object.keys(exports)) {
    try {
      values.push((exports as Record<string, unknown>)[key]);
    } catch {
      // A getter in its temporal dead zone: not our candidate.
    }
  }
  return values;
}
