/**
 * `readingroom audit verify`: checks the ledger in the configured database and exits non-zero at
 * the first modification, deletion, insertion, reordering, truncation, bad signature or
 * inconsistent checkpoint. See docs/audit-ledger.md, "For auditors".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabaseUrl, resolveDataDir } from '../../dataPaths.js';
import { loadAuditConfig } from '../auditConfig.js';
import { AUDIT_USAGE } from './auditUsage.js';
import { withoutCloudflareProbe } from './withoutCloudflareProbe.js';
import { startRangeWorkers } from './RangeWorkerPool.js';

export { AUDIT_USAGE };

interface Output {
  log(message: string): void;
  error(message: string): void;
}

export async function runAuditCommand(args: string[], out: Output = console): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { key: { type: 'string', multiple: true }, origin: { type: 'string' }, checkpoints: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals[0] !== 'verify' || positionals.length > 1) {
    out.error(`readingroom audit: unknown subcommand ${positionals.join(' ') || '(none)'}\n${AUDIT_USAGE}`);
    return 2;
  }
  // Only the settings it uses (the server's other settings are not its business).
  const dataDir = resolveDataDir(process.env, process.cwd());
  const databaseUrl = resolveDatabaseUrl(process.env, dataDir);
  const { signingKeyFile } = loadAuditConfig(process.env, dataDir);
  // The worker threads start first: they boot while this thread loads the verifier, opens the
  // database and reads the checkpoints.
  const pool = startRangeWorkers(databaseUrl);
  try {
    const [{ openDatabase }, core, { verifyStoredLedger }] = await Promise.all([
      import('../../stores/db/openDatabase.js'),
      import('../core/index.js'),
      import('./verifyStoredLedger.js'),
    ]);
    const verifierKeys = values.key?.length ? values.key.map(key => resolveVerifierKey(key, signingKeyFile, out, core)) : [resolveVerifierKey(undefined, signingKeyFile, out, core)];
    const origin = values.origin ?? core.parseVerifierKey(verifierKeys[0]!).name;
    const extraCheckpoints = values.checkpoints ? readCheckpointDir(values.checkpoints) : [];
    // Read-only: on SQLite no writer connection and no checkpointing thread to start (PostgreSQL
    // reads in a READ ONLY transaction: verifyStoredLedger).
    // On PostgreSQL opening the database loads node-postgres.
    const db = await withoutCloudflareProbe(() => openDatabase(databaseUrl, { poolMax: 1, readOnly: true }));
    try {
      const started = performance.now();
      const report = await verifyStoredLedger(db, { origin, verifierKeys, extraCheckpoints, databaseUrl, pool });
      const seconds = (performance.now() - started) / 1000;
      if (values.json) out.log(JSON.stringify({ ...report, seconds }));
      else if (report.ok) {
        out.log(
          `audit ledger verified: ${report.records} records, ${report.checkpoints} signed checkpoints (latest covers ${report.latestCheckpointSize}; ` +
            `${report.unanchoredRecords} newer records are protected by the hash chain only), root ${report.rootHash}, in ${seconds.toFixed(1)} s`,
        );
      } else {
        const where = report.problem.seq !== undefined ? ` at record ${report.problem.seq}` : report.problem.checkpointSize !== undefined ? ` at the checkpoint of size ${report.problem.checkpointSize}` : '';
        out.error(`AUDIT LEDGER PROBLEM (${report.problem.kind})${where}: ${report.problem.message}\n${report.records} records before it verified.`);
      }
      return report.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  } finally {
    await pool.close();
  }
}

type KeyFormats = Pick<typeof import('../core/index.js'), 'formatVerifierKey' | 'parseSignerKey'>;

/** --key (a verifier key or a file holding one); else the .pub beside the signing key; else derived from the signing key. */
function resolveVerifierKey(key: string | undefined, signingKeyFile: string, out: Output, { formatVerifierKey, parseSignerKey }: KeyFormats): string {
  if (key) return existsSync(key) ? readFileSync(key, 'utf8').trim() : key.trim();
  if (existsSync(`${signingKeyFile}.pub`)) return readFileSync(`${signingKeyFile}.pub`, 'utf8').trim();
  if (existsSync(signingKeyFile)) {
    out.error('readingroom audit: using the public half of this server\'s signing key; for an independent check pass --key with the verifier key you were given');
    return formatVerifierKey(parseSignerKey(readFileSync(signingKeyFile, 'utf8')));
  }
  throw new Error('no verifier key: pass --key <verifier key or file> (see docs/audit-ledger.md, "Keys")');
}

function readCheckpointDir(dir: string): string[] {
  return readdirSync(dir)
    .filter(name => name.endsWith('.checkpoint'))
    .map(name => readFileSync(join(dir, name), 'utf8'));
}
