/**
 * Forwards the ledger to an ATNA audit record repository over syslog (RFC 5424 messages carrying
 * the DICOM A.5 XML, octet-counted over TLS per RFC 5425 or plain TCP per RFC 6587).
 *
 * A reader behind the ledger: it reads records by seq and never writes them, so ledger writes
 * neither wait for nor depend on the repository. Records go out in seq order. The persisted
 * cursor (audit_forwarding) only moves past a record once its bytes were written and the
 * connection then stayed up for `confirmAfterMs` (or the receiver closed cleanly after reading
 * them at shutdown): when a connection breaks, everything after the cursor is sent again on the
 * next one, after an exponential backoff. Delivery is therefore at least once: after a failure a
 * repository may get a message twice (same `meta sequenceId`), never a gap, never out of order.
 * One process forwards to a destination at a time: it holds the destination's lease, renews it
 * with every cursor move, and gives it up at shutdown; another takes over when it runs out.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../stores/db/Database.js';
import { parseCanonicalRecord, type CanonicalLedgerRecord } from '../core/index.js';
import type { AuditSource } from '../renderings/AuditSource.js';
import { describeAuditEvent } from '../renderings/describeAuditEvent.js';
import { toDicomAuditMessage } from '../renderings/toDicomAuditMessage.js';
import { readRecordPage } from '../store/readLedgerRecords.js';
import { connectSyslog, type SyslogConnection, type SyslogTarget } from './connectSyslog.js';
import { advanceForwardingCursor, claimForwardingLease, noteForwardingError, releaseForwardingLease } from './forwardingCursorStore.js';
import { formatSyslogMessage, frameOctetCounted, type SyslogHeader } from './formatSyslogMessage.js';

export interface AuditForwarderOptions {
  database: Database;
  target: SyslogTarget;
  header: Omit<SyslogHeader, 'procId'>;
  source: AuditSource;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
  /** Records per read and per write. */
  batchSize?: number;
  /** How often to look for new records when there are none. */
  pollIntervalMs?: number;
  /** How long a connection must stay up after a write before the records written count as received. */
  confirmAfterMs?: number;
  leaseMs?: number;
  /** Backoff after a failure: doubles from initialMs up to maxMs, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
  connectTimeoutMs?: number;
  now?: () => Date;
}

export interface AuditForwarder {
  /** `tls://host:port` or `tcp://host:port`: the key of its cursor. */
  readonly destination: string;
  start(): void;
  /** Stops forwarding: ends the connection cleanly, saves how far the receiver got, gives the lease up. */
  stop(): Promise<void>;
}

export function createAuditForwarder(options: AuditForwarderOptions): AuditForwarder {
  const { database: db, target } = options;
  const destination = `${target.protocol}://${target.host}:${target.port}`;
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const confirmAfterMs = options.confirmAfterMs ?? 2000;
  const leaseMs = options.leaseMs ?? 30_000;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 60_000 };
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const holder = `${hostname()}/${process.pid}/${randomUUID()}`;
  const header: SyslogHeader = { ...options.header, procId: String(process.pid) };

  let stopped = false;
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let leased = false;
  let leaseRenewedAt = 0;
  /** The last seq the repository confirmed (as persisted), and the last one written on this connection. */
  let confirmed = 0;
  let sent = 0;
  let inFlight: { seq: number; writtenAt: number }[] = [];
  let connection: SyslogConnection | undefined;

  const sleep = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      wake = done;
    });
  const leaseUntil = () => new Date(now().getTime() + leaseMs);

  const dropConnection = () => {
    connection?.destroy();
    connection = undefined;
    sent = confirmed;
    inFlight = [];
  };

  /** Holds the lease (taking it when free, renewing it a third of the way through); false while another process has it. */
  async function holdLease(): Promise<boolean> {
    const nowMs = now().getTime();
    if (leased && nowMs - leaseRenewedAt < leaseMs / 3) return true;
    const seq = await claimForwardingLease(db, destination, holder, now(), leaseUntil());
    if (seq === undefined) {
      if (leased) options.log.warn({ destination }, 'audit forwarding: another server process took over forwarding');
      leased = false;
      dropConnection();
      return false;
    }
    if (!leased) options.log.info({ destination, afterSeq: seq }, 'audit forwarding: this process forwards the ledger');
    if (seq > confirmed) {
      confirmed = seq;
      dropConnection();
    }
    leased = true;
    leaseRenewedAt = nowMs;
    return true;
  }

  /** Moves the cursor past what was written at least confirmAfterMs ago on a connection that is still up. */
  async function confirmDelivered(all = false): Promise<void> {
    const cutoff = now().getTime() - confirmAfterMs;
    let upTo: number | undefined;
    while (inFlight.length > 0 && (all || inFlight[0]!.writtenAt <= cutoff)) upTo = inFlight.shift()!.seq;
    if (upTo === undefined) return;
    if (!(await advanceForwardingCursor(db, destination, holder, upTo, now(), leaseUntil()))) {
      leased = false;
      dropConnection();
      return;
    }
    confirmed = upTo;
    leaseRenewedAt = now().getTime();
  }

  /** One unit of work; throws on a connection or database failure. */
  async function step(): Promise<void> {
    if (!(await holdLease())) return sleep(Math.max(pollIntervalMs, leaseMs / 3));
    if (connection?.broken) throw connection.broken;
    await confirmDelivered();
    if (!connection) {
      const opened = await connectSyslog(target, connectTimeoutMs, stopping.signal);
      if (stopped) return opened.destroy();
      connection = opened;
      sent = confirmed;
      inFlight = [];
    }
    const page = contiguousFrom(sent, await readRecordPage(db, sent, batchSize));
    if (page.length === 0) return sleep(pollIntervalMs);
    const frames = page.map(record => frameOctetCounted(toSyslogMessage(record)));
    await connection.write(Buffer.concat(frames));
    sent = page[page.length - 1]!.seq;
    inFlight.push({ seq: sent, writtenAt: now().getTime() });
  }

  function toSyslogMessage(stored: CanonicalLedgerRecord): string {
    const record = parseCanonicalRecord(stored);
    const event = describeAuditEvent(record);
    const warning = event.outcome !== 0 || event.eventId.code === '110113';
    return formatSyslogMessage(header, { seq: record.seq, timestamp: record.recordedAt, warning, xml: toDicomAuditMessage(record, { source: options.source }) });
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      try {
        await step();
        if (connection && !connection.broken) failures = 0;
      } catch (error) {
        if (stopped) break;
        failures++;
        const message = (error as Error).message;
        options.log.warn({ destination, attempt: failures, error: message, resendingAfterSeq: confirmed }, 'audit forwarding failed; retrying');
        dropConnection();
        await noteForwardingError(db, destination, holder, message, now()).catch(() => undefined);
        const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 30));
        await sleep(delay * (0.5 + Math.random() / 2));
      }
    }
  }

  return {
    destination,
    start() {
      running ??= run();
    },
    async stop() {
      stopped = true;
      stopping.abort();
      wake?.();
      await running;
      if (connection && !connection.broken && (await connection.end(2000)) && leased) {
        await confirmDelivered(true).catch(error => options.log.warn({ destination, error: (error as Error).message }, 'audit forwarding: could not save the cursor at shutdown'));
      }
      connection?.destroy();
      connection = undefined;
      if (leased) await releaseForwardingLease(db, destination, holder).catch(() => undefined);
      leased = false;
    },
  };
}

/** The records that follow `afterSeq` without a gap (a gap is a record not yet visible: wait for it, never skip it). */
function contiguousFrom(afterSeq: number, page: CanonicalLedgerRecord[]): CanonicalLedgerRecord[] {
  let end = 0;
  while (end < page.length && page[end]!.seq === afterSeq + end + 1) end++;
  return page.slice(0, end);
}
