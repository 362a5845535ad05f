import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, testDialect, type TestDatabaseUrl } from '../testDatabase.js';

// The built recorder (`npm run build` comes first in `npm test`) in a process with nothing else
// to keep it alive, as in a CLI or a script: an awaited record() must still be written, not left
// waiting on a timer that lets the process end (Node then exits 13 with the entries unwritten).
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const script = `
const { openDatabase } = await import(${JSON.stringify(`${dist}stores/db/openDatabase.js`)});
const { runMigrations } = await import(${JSON.stringify(`${dist}stores/migrations/runMigrations.js`)});
const { migrations } = await import(${JSON.stringify(`${dist}stores/migrations/migrations.js`)});
const { createAuditRecorder } = await import(${JSON.stringify(`${dist}ledger/createAuditRecorder.js`)});
const { LedgerAppender } = await import(${JSON.stringify(`${dist}ledger/store/LedgerAppender.js`)});
const db = await openDatabase(process.env.DATABASE_URL, { poolMax: 1 });
await runMigrations(db, migrations);
const recorder = createAuditRecorder({ database: db, appender: new LedgerAppender(), log: { error() {}, warn() {} } });
for (let batch = 0; batch < 3; batch++) {
  await recorder.record(Array.from({ length: 2000 }, (_, i) => ({ kind: 'study.opened', actor: { userId: 'script' }, subject: { StudyInstanceUID: '2.25.' + (100 + batch * 2000 + i) }, detail: {} })));
}
await recorder.close();
const { n } = await db.queryOne('SELECT COUNT(*) AS n FROM audit_ledger');
await db.close();
console.log('ledger records: ' + n);
`;

let database: TestDatabaseUrl;
beforeAll(async () => {
  database = await createTestDatabaseUrl();
});
afterAll(() => database.drop());

function runScript(): Promise<{ code: number | null; output: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, DATABASE_URL: database.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.once('exit', code => resolve({ code, output }));
  });
}

describe(`the audit recorder in a script (${testDialect})`, () => {
  it('writes every awaited batch before the process may end', async () => {
    const { code, output } = await runScript();
    expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'ledger records: 6000' });
  }, 60_000);
});
