/** The bundler's require function of the host app (webpack or rspack runtime). */
export interface ChunkRequire {
  (id: string | number): unknown;
  /** Module factories by id. */
  m: Record<string, (...args: unknown[]) => unknown>;
}

const CHUNK_GLOBAL = /^(rspack|webpack)Chunk/;
let bridgeChunkCounter = 0;

/**
 * OHIF 3.13 publishes no module globals, but its bundler's chunk-loading global accepts
 * `[[chunkId], moreModules, runtime]` and calls `runtime(require)` for a chunk it has not
 * seen. Pushing an empty chunk with a fresh id hands us the host's own require.
 */
export function captureChunkRequire(scope: Record<string, unknown>): ChunkRequire | undefined {
  for (const key of Object.keys(scope)) {
    if (!CHUNK_GLOBAL.test(key)) continue;
    const chunkGlobal = scope[key];
    if (!Array.isArray(chunkGlobal)) continue;
    let captured: unknown;
    const chunkId = `readingroom-host-bridge-${++bridgeChunkCounter}-${Date.now()}`;
    chunkGlobal.push([[chunkId], {}, (require: unknown) => {
      captured = require;
    }]);
    if (isChunkRequire(captured)) return captured;
  }
  return undefined;
}

function isChunkRequire(x: unknown): x is ChunkRequire {
  return typeof x === 'function' && typeof (x as { m?: unknown }).m === 'object' && (x as { m?: unknown }).m !== null;
}
