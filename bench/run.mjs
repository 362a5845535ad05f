// `npm run bench [-- name ...]`: runs every bench/*.bench.mjs (or the named ones) in turn.
// Each writes its own section of docs/benchmarks.md with the command and figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter(f => f.endsWith('.bench.mjs'))
  .filter(f => wanted.length === 0 || wanted.includes(f.replace('.bench.mjs', '')));
if (benches.length === 0) {
  console.error(`no benchmark matches: ${wanted.join(', ')}`);
  process.exit(2);
}
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const module = await import(pathToFileURL(`${dir}/${file}`).href);
  await module.default();
}
