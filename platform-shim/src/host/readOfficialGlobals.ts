import { hasExpectedShape } from './hostModules.js';

/**
 * OHIF 3.14+ "Runtime Extensions" contract: the host publishes each singleton as
 * `window[<package name>]`, e.g. `window['@ohif/core']`. Returns what it finds with the right shape.
 */
export function readOfficialGlobals(scope: Record<string, unknown>, names: readonly string[]): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const name of names) {
    const candidate = scope[name];
    if (candidate !== undefined && hasExpectedShape(name, candidate)) found.set(name, candidate);
  }
  return found;
}
