import type { Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';

export interface ReceivedMessage {
  /** Which connection brought it (1, 2, …, in order of connection). */
  connection: number;
  raw: string;
  pri: number;
  hostname: string;
  appName: string;
  msgId: string;
  sequenceId: number;
  xml: string;
}

export interface SyslogReceiver {
  port: number;
  messages: ReceivedMessage[];
  /** Frames that were not `MSG-LEN SP SYSLOG-MSG` with an RFC 5424 message inside. */
  errors: string[];
  connections: number;
  /** Most connections open at one time. */
  maxOpenConnections: number;
  /** Kills the receiver: stops listening and drops every connection at once. */
  kill(): Promise<void>;
}

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) \[meta sequenceId="(\d+)"\] \uFEFF([\s\S]*)$/;

/**
 * An ATNA audit record repository's syslog receiver on loopback: TLS (RFC 5425) with the given
 * certificate, octet-counted frames parsed strictly. `killAfter` kills it as soon as that many
 * messages arrived in all, in the middle of whatever is still on the wire.
 */
export async function startSyslogReceiver(options: { cert: Buffer; key: Buffer; port?: number; killAfter?: number }): Promise<SyslogReceiver> {
  const sockets = new Set<Socket>();
  let open = 0;
  let killed: Promise<void> | undefined;
  const server: Server = createServer({ cert: options.cert, key: options.key, minVersion: 'TLSv1.2' }, socket => {
    const connection = ++receiver.connections;
    sockets.add(socket);
    receiver.maxOpenConnections = Math.max(receiver.maxOpenConnections, ++open);
    socket.on('close', () => {
      open--;
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (killed) return;
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) break;
        const length = buffer.subarray(0, space).toString('ascii');
        if (!/^[1-9][0-9]*$/.test(length)) {
          receiver.errors.push(`bad MSG-LEN "${length.slice(0, 20)}"`);
          socket.destroy();
          return;
        }
        const end = space + 1 + Number(length);
        if (buffer.length < end) break;
        const raw = buffer.subarray(space + 1, end).toString('utf8');
        buffer = buffer.subarray(end);
        const match = RFC5424.exec(raw);
        if (!match) receiver.errors.push(`not an RFC 5424 message: ${raw.slice(0, 80)}`);
        else {
          receiver.messages.push({ connection, raw, pri: Number(match[1]), hostname: match[3]!, appName: match[4]!, msgId: match[6]!, sequenceId: Number(match[7]), xml: match[8]! });
        }
        if (options.killAfter !== undefined && receiver.messages.length >= options.killAfter) {
          void receiver.kill();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const receiver: SyslogReceiver = {
    port: (server.address() as { port: number }).port,
    messages: [],
    errors: [],
    connections: 0,
    maxOpenConnections: 0,
    kill: () =>
      (killed ??= new Promise<void>(resolve => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      })),
  };
  return receiver;
}

/** Waits until `check` holds (polling); fails with `what` when it does not within `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
