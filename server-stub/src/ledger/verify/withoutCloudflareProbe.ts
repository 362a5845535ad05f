/**
 * node-postgres checks, as it loads (pg 8.x, lib/stream.js), whether it runs in a Cloudflare
 * Worker: where there is no `navigator` global (Node 20; Node 21 and later define one) it
 * builds a fetch `Response`, which loads Node's whole HTTP client (undici) on first use: about
 * 10–20 ms of CPU on each thread of `readingroom audit verify` that loads pg, on a 2-core
 * machine where every thread's CPU counts. While `load` runs, a `navigator` that is not
 * Cloudflare's answers the check instead; it is removed again afterwards. `load`: what loads pg
 * (an import, or opening the database, which imports the PostgreSQL driver when it is used).
 */
export async function withoutCloudflareProbe<T>(load: () => Promise<T>): Promise<T> {
  if ('navigator' in globalThis) return load();
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
