/**
 * One connection to a syslog receiver: TLS (RFC 5425; the receiver's certificate checked
 * against the configured CA, optionally our client certificate for ATNA node authentication) or
 * plain TCP (RFC 6587). Receivers send nothing back, so the connection only tells us when it
 * broke: an error, or the receiver closing its side.
 */
import { isIP, connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface SyslogTarget {
  protocol: 'tls' | 'tcp';
  host: string;
  port: number;
  /** PEM: the CA certificates the receiver's certificate must chain to (the system's when absent). */
  ca?: Buffer;
  /** PEM: our client certificate and key. */
  cert?: Buffer;
  key?: Buffer;
}

export interface SyslogConnection {
  /** Resolves once the bytes are handed to the operating system; rejects when the connection broke. */
  write(data: Buffer): Promise<void>;
  /** Why the connection broke, once it has. */
  readonly broken: Error | undefined;
  /** Ends our side and waits up to `timeoutMs` for the receiver to close too: true when it did (it read everything we sent). */
  end(timeoutMs: number): Promise<boolean>;
  destroy(): void;
}

/** Connects within `timeoutMs`; `signal` abandons the attempt (shutdown). */
export async function connectSyslog(target: SyslogTarget, timeoutMs: number, signal?: AbortSignal): Promise<SyslogConnection> {
  const socket: Socket =
    target.protocol === 'tls'
      ? connectTls({ host: target.host, port: target.port, ca: target.ca, cert: target.cert, key: target.key, servername: isIP(target.host) ? undefined : target.host, minVersion: 'TLSv1.2' })
      : connectTcp({ host: target.host, port: target.port });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no connection to ${target.protocol}://${target.host}:${target.port} within ${timeoutMs} ms`)), timeoutMs);
    const abandon = () => fail(new Error('connecting was abandoned (shutdown)'));
    const fail = (error: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abandon);
      socket.destroy();
      reject(error);
    };
    if (signal?.aborted) return abandon();
    signal?.addEventListener('abort', abandon, { once: true });
    socket.once('error', fail);
    socket.once(target.protocol === 'tls' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abandon);
      socket.off('error', fail);
      resolve();
    });
  });
  return wrap(socket);
}

function wrap(socket: Socket): SyslogConnection {
  let broken: Error | undefined;
  let peerEnded = false;
  const closed = new Promise<void>(resolve => socket.once('close', () => resolve()));
  socket.setKeepAlive(true, 10_000);
  socket.setNoDelay(true);
  socket.on('error', error => {
    broken ??= error;
  });
  socket.on('end', () => {
    peerEnded = true;
    broken ??= new Error('the receiver closed the connection');
  });
  socket.on('close', () => {
    broken ??= new Error('the connection closed');
  });
  // Receivers send nothing; reading keeps 'end' (the receiver closing) observable.
  socket.on('data', () => undefined);
  return {
    get broken() {
      return broken;
    },
    write(data) {
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => socket.write(data, error => (error ? reject(error) : resolve())));
    },
    async end(timeoutMs) {
      if (broken) return false;
      socket.end();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>(resolve => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([closed, timedOut]);
      clearTimeout(timer);
      socket.destroy();
      return peerEnded;
    },
    destroy() {
      broken ??= new Error('the connection was closed by the forwarder');
      socket.destroy();
    },
  };
}
