import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../../src/app.js';
import { loadAuditConfig } from '../../../src/ledger/auditConfig.js';
import { readForwardingStatus } from '../../../src/ledger/forwarding/forwardingCursorStore.js';
import { childNamed, parseXml } from '../../../src/ledger/renderings/testing/parseXml.js';
import { buildTestApp, testDialect, type TestApp } from '../../helper.js';
import { createTestDatabaseUrl, type TestDatabaseUrl } from '../../testDatabase.js';
import { makeEntry } from '../ledgerTestSupport.js';
import { generateTestCertificate, type TestCertificate } from './generateTestCertificate.js';
import { startSyslogReceiver, waitUntil, type ReceivedMessage, type SyslogReceiver } from './startSyslogReceiver.js';

const TUNING: AppConfig['auditForwardingTuning'] = { batchSize: 25, pollIntervalMs: 20, confirmAfterMs: 300, leaseMs: 3000, backoff: { initialMs: 50, maxMs: 400 }, connectTimeoutMs: 2000 };

let certificate: TestCertificate;
let otherCertificate: TestCertificate;
let keyDir: string;
const receivers: SyslogReceiver[] = [];
const apps: TestApp[] = [];
const databases: TestDatabaseUrl[] = [];

beforeAll(() => {
  certificate = generateTestCertificate();
  otherCertificate = generateTestCertificate();
  keyDir = mkdtempSync(join(tmpdir(), 'readingroom-atna-'));
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const receiver of receivers.splice(0)) await receiver.kill();
  for (const database of databases.splice(0)) await database.drop();
});

afterAll(() => {
  certificate.remove();
  otherCertificate.remove();
  rmSync(keyDir, { recursive: true, force: true });
});

async function receiver(options: { port?: number; killAfter?: number } = {}) {
  const started = await startSyslogReceiver({ cert: certificate.cert, key: certificate.key, ...options });
  receivers.push(started);
  return started;
}

async function database() {
  const created = await createTestDatabaseUrl();
  databases.push(created);
  return created.url;
}

/** A server forwarding to `port`, on `databaseUrl` (several may share one database, as processes do). */
async function forwardingApp(databaseUrl: string, port: number, caFile = certificate.certFile, tuning = TUNING) {
  const env = { AUDIT_FORWARD_URL: `tls://127.0.0.1:${port}`, AUDIT_FORWARD_CA_FILE: caFile, AUDIT_SOURCE_ID: 'rr-test-node' };
  const app = await buildTestApp({ databaseUrl, audit: loadAuditConfig(env, keyDir), auditForwardingTuning: tuning });
  apps.push(app);
  return app;
}

async function recordEntries(app: TestApp, from: number, count: number) {
  for (let i = from; i < from + count; i += 10) await app.app.auditRecorder.record(Array.from({ length: Math.min(10, from + count - i) }, (_, k) => makeEntry(i + k)));
}

const seqsOf = (messages: ReceivedMessage[]) => messages.map(message => message.sequenceId);
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
const distinct = (messages: ReceivedMessage[]) => [...new Set(seqsOf(messages))].sort((a, b) => a - b);

/** Per connection: consecutive seqs; each new connection starts at most one past where the last one got to (a resend, never a gap). */
function expectInOrderWithoutGaps(messages: ReceivedMessage[]) {
  const byConnection = new Map<number, number[]>();
  for (const message of messages) byConnection.set(message.connection, [...(byConnection.get(message.connection) ?? []), message.sequenceId]);
  let reached = 0;
  for (const seqs of [...byConnection.keys()].sort((a, b) => a - b).map(c => byConnection.get(c)!)) {
    expect(seqs).toEqual(range(seqs[0]!, seqs[0]! + seqs.length - 1));
    expect(seqs[0]!).toBeLessThanOrEqual(reached + 1);
    reached = Math.max(reached, seqs[seqs.length - 1]!);
  }
  // A message sent twice is the same message.
  const bySeq = new Map<number, string>();
  for (const message of messages) {
    if (bySeq.has(message.sequenceId)) expect(message.raw).toBe(bySeq.get(message.sequenceId));
    bySeq.set(message.sequenceId, message.raw);
  }
}

describe(`ATNA forwarding over syslog/TLS (${testDialect})`, () => {
  it('sends every record in order as an octet-counted RFC 5424 message carrying the DICOM A.5 XML', async () => {
    const repository = await receiver();
    const server = await forwardingApp(await database(), repository.port);
    await recordEntries(server, 0, 30);
    await server.app.auditRecorder.record([{ kind: 'access.denied', actor: { userId: 'u-9', role: 'labeler' }, detail: { outcome: 'minor-failure', status: 403, reason: 'not a member' } }]);
    await waitUntil('31 messages arrived', () => repository.messages.length >= 31);

    expect(repository.errors).toEqual([]);
    expect(seqsOf(repository.messages)).toEqual(range(1, 31));
    const first = repository.messages[0]!;
    expect(first).toMatchObject({ pri: 85, hostname: 'rr-test-node', appName: 'readingroom', msgId: 'IHE+RFC-3881' });
    const message = parseXml(first.xml);
    expect(childNamed(childNamed(message, 'EventIdentification'), 'EventID').attributes['csd-code']).toBe('110103');
    expect(childNamed(message, 'AuditSourceIdentification').attributes.AuditSourceID).toBe('rr-test-node');
    // A denial goes out as a warning (facility 10, severity 4) with its Security Alert.
    const denial = repository.messages[30]!;
    expect(denial.pri).toBe(84);
    expect(childNamed(childNamed(parseXml(denial.xml), 'EventIdentification'), 'EventID').attributes['csd-code']).toBe('110113');
  });

  it('keeps recording while the repository is down, then catches up: nothing lost, nothing out of order', async () => {
    const first = await receiver({ killAfter: 45 });
    const databaseUrl = await database();
    const server = await forwardingApp(databaseUrl, first.port);
    await recordEntries(server, 0, 100);
    await waitUntil('the repository was killed mid-stream', () => first.messages.length >= 45);
    // Ledger writes go on while nobody receives.
    await recordEntries(server, 100, 60);
    const stored = await server.app.database.queryOne<{ n: number }>('SELECT COUNT(*) AS n FROM audit_ledger');
    expect(Number(stored!.n)).toBe(160);
    const status = await readForwardingStatus(server.app.database, `tls://127.0.0.1:${first.port}`);
    expect(status!.forwardedSeq).toBeLessThan(160);

    const second = await receiver({ port: first.port });
    await waitUntil('every record arrived', () => distinct([...first.messages, ...second.messages]).length === 160);
    const all = [...first.messages, ...second.messages.map(m => ({ ...m, connection: m.connection + first.connections }))];
    expect([...first.errors, ...second.errors]).toEqual([]);
    expect(distinct(all)).toEqual(range(1, 160));
    expectInOrderWithoutGaps(all);
    await waitUntil('the cursor reached the end', async () => (await readForwardingStatus(server.app.database, `tls://127.0.0.1:${first.port}`))!.forwardedSeq === 160);
  });

  it('resumes after a restart from its saved cursor', async () => {
    const repository = await receiver();
    const databaseUrl = await database();
    const before = await forwardingApp(databaseUrl, repository.port);
    await recordEntries(before, 0, 40);
    await waitUntil('40 messages arrived', () => repository.messages.length >= 40);
    await apps.pop()!.close(); // a clean stop: the repository closed after reading everything, so the cursor is saved at 40

    const after = await forwardingApp(databaseUrl, repository.port);
    await recordEntries(after, 40, 20);
    await waitUntil('60 records arrived', () => distinct(repository.messages).length === 60);
    const resumed = repository.messages.filter(message => message.connection === repository.connections);
    expect(seqsOf(resumed)).toEqual(range(41, 60));
    expectInOrderWithoutGaps(repository.messages);
  });

  it('has one forwarder among server processes on one database, and another takes over when it stops', async () => {
    const repository = await receiver();
    const databaseUrl = await database();
    const a = await forwardingApp(databaseUrl, repository.port);
    const b = await forwardingApp(databaseUrl, repository.port);
    await recordEntries(a, 0, 20);
    await recordEntries(b, 20, 20);
    await waitUntil('40 messages arrived', () => repository.messages.length >= 40);
    expect(seqsOf(repository.messages)).toEqual(range(1, 40));
    expect(repository.maxOpenConnections).toBe(1);

    await apps.shift()!.close(); // a stops; b forwards from here, whichever of them did before
    await recordEntries(b, 40, 20);
    await waitUntil('60 records arrived', () => distinct(repository.messages).length === 60);
    expectInOrderWithoutGaps(repository.messages);
    expect(repository.maxOpenConnections).toBe(1);
  });

  it('refuses a repository whose certificate does not chain to the configured CA, and says why', async () => {
    const repository = await receiver();
    const server = await forwardingApp(await database(), repository.port, otherCertificate.certFile);
    await recordEntries(server, 0, 5);
    const destination = `tls://127.0.0.1:${repository.port}`;
    await waitUntil('the failure was noted', async () => Boolean((await readForwardingStatus(server.app.database, destination))?.lastError));
    expect(repository.messages).toEqual([]);
    expect((await readForwardingStatus(server.app.database, destination))!).toMatchObject({ forwardedSeq: 0, lastError: expect.stringMatching(/certificate|self.signed/i) });
  });

  it('shuts down without waiting for a connection attempt that hangs', async () => {
    // Accepts TCP connections and never answers the TLS handshake.
    const held: Socket[] = [];
    const silent = createServer(socket => held.push(socket));
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    try {
      const server = await forwardingApp(await database(), (silent.address() as { port: number }).port, certificate.certFile, { ...TUNING, connectTimeoutMs: 600_000 });
      await waitUntil('the forwarder is connecting', () => held.length > 0);
      await apps.pop()!.close(); // would wait for the ten-minute connect timeout (and fail the test by its own timeout) if shutdown did not abandon the attempt
      expect(server.app.auditForwarder).toBeDefined();
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise(resolve => silent.close(resolve));
    }
  });
});
