#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from './configError.js';
import { AUDIT_USAGE } from './ledger/verify/auditUsage.js';
import { serverVersion } from './serverVersion.js';

const USAGE = `readingroom ${serverVersion}

Usage:
  readingroom serve                      start the server (configuration: environment, see docs/configuration.md)
  readingroom migrate                    bring the database schema up to date (serve does it too) and exit
  readingroom host fetch [--version V]   fetch the stock OHIF viewer into the cache (default: OHIF_VERSION or the pinned default)
${AUDIT_USAGE}
  readingroom --version                  print the version
`;

type Command = (args: string[]) => Promise<number>;

// Each command imports what it needs when it runs: `audit verify` starts without loading the
// HTTP server's modules or the whole configuration (config.ts loads the platform contract).
const loadConfig = async () => (await import('./config.js')).loadConfig();

const commands: Record<string, Command> = {
  async serve() {
    const { startServer } = await import('./server.js');
    await startServer(await loadConfig());
    return -1; // keep running until a signal closes the server
  },
  async migrate() {
    const config = await loadConfig();
    const [{ openDatabase }, { migrations }, { runMigrations }] = await Promise.all([
      import('./stores/db/openDatabase.js'),
      import('./stores/migrations/migrations.js'),
      import('./stores/migrations/runMigrations.js'),
    ]);
    const db = await openDatabase(config.databaseUrl, { poolMax: 1 });
    try {
      const applied = await runMigrations(db, migrations);
      console.log(`database schema (${db.dialect}): ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    } finally {
      await db.close();
    }
    return 0;
  },
  audit: async args => (await import('./ledger/verify/runAuditCommand.js')).runAuditCommand(args),
  async host(args) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { version: { type: 'string' } } });
    if (positionals[0] !== 'fetch') return usage(`unknown host subcommand: ${positionals[0] ?? '(none)'}`);
    const config = await loadConfig();
    const { ensureOhifHost } = await import('./host/ensureOhifHost.js');
    const host = await ensureOhifHost({
      version: values.version ?? config.ohifVersion,
      cacheDir: config.cacheDir,
      log: { info: m => console.log(m), warn: m => console.warn(m) },
    });
    console.log(`OHIF ${host.version}${host.supported ? '' : ' (not a supported version)'}: ${host.distDir}`);
    return 0;
  },
};

function usage(problem?: string): number {
  if (problem) console.error(`readingroom: ${problem}\n`);
  (problem ? console.error : console.log)(USAGE);
  return problem ? 2 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    console.log(serverVersion);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') return usage();
  const command = commands[name];
  if (!command) return usage(`unknown command: ${name}`);
  return command(rest);
}

main(process.argv.slice(2)).then(
  code => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`readingroom: configuration error: ${error.message}`);
    else console.error('readingroom: failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
