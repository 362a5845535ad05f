import names from './hostModuleNames.json' with { type: 'json' };

/** Host singletons our plugins use. Built plugins mark these external (see webpack/createPluginConfig.mjs). */
export const REQUIRED_HOST_MODULES: readonly string[] = names.required;
/**
 * Host modules used only when the host publishes them. OHIF 3.13's dist mangles
 * @ohif/ui-next's export names, so it cannot be discovered there; our UI does not depend on it.
 */
export const OPTIONAL_HOST_MODULES: readonly string[] = names.optional;
export const HOST_MODULES: readonly string[] = [...REQUIRED_HOST_MODULES, ...OPTIONAL_HOST_MODULES];

type ShapeCheck = (candidate: unknown) => boolean;

const isObject = (x: unknown): x is Record<string, unknown> =>
  (typeof x === 'object' || typeof x === 'function') && x !== null;
const hasFunctions = (x: unknown, keys: string[]) =>
  isObject(x) && keys.every(k => typeof x[k] === 'function');

/** A module found by any means must still look like what we expect before we use it. */
export const HOST_MODULE_SHAPES: Record<string, ShapeCheck> = {
  react: x => hasFunctions(x, ['createElement', 'useState', 'useEffect']) && typeof (x as { version?: unknown }).version === 'string',
  'react-dom': x => hasFunctions(x, ['createPortal']) && typeof (x as { version?: unknown }).version === 'string',
  'react/jsx-runtime': x => hasFunctions(x, ['jsx', 'jsxs']) && isObject(x) && 'Fragment' in x,
  '@ohif/core': x => isObject(x) && ['ServicesManager', 'ExtensionManager', 'CommandsManager'].every(k => typeof x[k] === 'function') && isObject(x['MODULE_TYPES']),
  '@ohif/ui-next': x => isObject(x) && typeof x['Button'] !== 'undefined',
  '@cornerstonejs/core': x => hasFunctions(x, ['getRenderingEngines']) && isObject(x) && isObject(x['metaData']) && isObject(x['eventTarget']),
  '@cornerstonejs/tools': x => isObject(x) && isObject(x['annotation']) && isObject(x['Enums']) && isObject(x['ToolGroupManager']),
};

export function hasExpectedShape(name: string, candidate: unknown): boolean {
  const check = HOST_MODULE_SHAPES[name];
  return check ? check(candidate) : candidate !== undefined && candidate !== null;
}
