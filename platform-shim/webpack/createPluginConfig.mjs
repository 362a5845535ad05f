// Builds one ReadingRoom extension or mode into a single ESM file that a stock OHIF host can
// import() by URL. Host singletons are never bundled: they are externals read from the host
// bridge's registry (platform-shim/src/host/hostRegistry.ts), so there is exactly one React,
// one @ohif/core and one cornerstone on the page.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const require = createRequire(import.meta.url);
const shimDir = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = resolve(shimDir, '..');
const hostModuleNames = JSON.parse(readFileSync(join(shimDir, 'src/host/hostModuleNames.json'), 'utf8'));
const HOST_MODULES = [...hostModuleNames.required, ...hostModuleNames.optional];
const REGISTRY = '__readingroomHostV1__';

/** Where every plugin file and its manifest go; the server serves this folder at /plugins/. */
export const PLUGINS_OUTPUT_DIR = process.env.PLUGINS_DIR ? resolve(process.env.PLUGINS_DIR) : join(repositoryRoot, 'build', 'plugins');

/**
 * @param {{ packageDir: string }} options
 * @returns {import('webpack').Configuration}
 */
export function createPluginConfig({ packageDir }) {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const kind = pkg.readingroom?.kind;
  if (kind !== 'extension' && kind !== 'mode') {
    throw new Error(`${pkg.name}: package.json needs "readingroom": { "kind": "extension" | "mode" }`);
  }
  const baseName = pkg.name.replace(/^@readingroom\//, '');
  return {
    mode: process.env.NODE_ENV === 'development' ? 'development' : 'production',
    context: packageDir,
    target: ['web', 'es2022'],
    entry: join(packageDir, 'src', 'index.ts'),
    devtool: 'source-map',
    experiments: { outputModule: true },
    output: {
      path: PLUGINS_OUTPUT_DIR,
      filename: `${baseName}.[contenthash:16].mjs`,
      module: true,
      chunkFormat: 'module',
      library: { type: 'module' },
      // Remove this plugin's earlier builds only; other plugins share the folder.
      clean: { keep: file => !file.startsWith(`${baseName}.`) },
    },
    externalsType: 'var',
    externals: Object.fromEntries(
      HOST_MODULES.map(name => [name, `globalThis.${REGISTRY}.require(${JSON.stringify(name)})`]),
    ),
    resolve: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
      conditionNames: ['readingroom-source', 'browser', 'import', 'module', 'default'],
    },
    module: {
      parser: {
        // Keep `new URL(file, import.meta.url)` as written: modes locate sibling plugin files at run time.
        javascript: { url: false, importMeta: false },
      },
      rules: [
        {
          test: /\.[cm]?[jt]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: require.resolve('swc-loader'),
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
                target: 'es2022',
              },
            },
          },
        },
      ],
    },
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({
        __READINGROOM_PLUGIN_FILES__: webpack.DefinePlugin.runtimeValue(() => JSON.stringify(readBuiltPluginFiles()), true),
        __READINGROOM_PLUGIN_VERSION__: JSON.stringify(pkg.version),
      }),
      new WritePluginManifest({ id: pkg.name, kind, version: pkg.version, baseName }),
    ],
  };
}

/** Package name → built file name of every plugin already built (modes build after their extensions). */
function readBuiltPluginFiles() {
  if (!existsSync(PLUGINS_OUTPUT_DIR)) return {};
  const files = {};
  for (const name of readdirSync(PLUGINS_OUTPUT_DIR)) {
    if (!name.endsWith('.plugin.json')) continue;
    const manifest = JSON.parse(readFileSync(join(PLUGINS_OUTPUT_DIR, name), 'utf8'));
    files[manifest.id] = manifest.file;
  }
  return files;
}

/** Writes `<baseName>.plugin.json` naming the hashed file, for the server and for site installs. */
class WritePluginManifest {
  constructor(manifest) {
    this.manifest = manifest;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('WritePluginManifest', compilation => {
      const entry = [...compilation.entrypoints.values()][0];
      const file = entry?.getFiles().find(f => f.endsWith('.mjs'));
      if (!file || compilation.errors.length > 0) return;
      const { baseName, ...manifest } = this.manifest;
      mkdirSync(PLUGINS_OUTPUT_DIR, { recursive: true });
      writeFileSync(join(PLUGINS_OUTPUT_DIR, `${baseName}.plugin.json`), JSON.stringify({ ...manifest, file }, null, 2) + '\n');
    });
  }
}
