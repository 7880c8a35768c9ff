// An undici connector whose sockets are SSH direct-tcpip channels to 127.0.0.1:<port> on the target.
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { RemoteCommandFailed, TimedOut, WlaError } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { EndpointUnreachable } from './errors.ts';

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${what}: no channel after ${timeoutMs}ms`)), timeoutMs);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/**
 * The SSH layer's own failures (connection lost, auth, timeout) keep their meaning. A channel the SSH
 * server could not open (RemoteCommandFailed from the transports, or a plain error) means the port:
 * the connection works, nothing answers there - a finding about the host, not a broken run.
 */
export function channelFailure(err: unknown, remote: RemoteHost, host: string, port: number): WlaError {
  if (err instanceof WlaError && !(err instanceof RemoteCommandFailed)) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const reason = raw.replace(`${remote.label} could not open a TCP connection to ${host}:${port}: `, '');
  return new EndpointUnreachable(`nothing answers at ${host}:${port} on ${remote.label}: ${reason}`, {
    cause: err,
  });
}

/** host:port as seen from the target, e.g. 127.0.0.1:9486. */
export function tunnelConnector(
  remote: RemoteHost,
  host: string,
  port: number,
  timeoutMs: number,
): buildConnector.connector {
  const what = `tunnel to ${host}:${port} on ${remote.label}`;
  return (_opts, callback) => {
    withTimeout(remote.forwardOut(host, port), timeoutMs, what).then(
      (stream) => callback(null, stream as Socket),
      (err: unknown) => callback(channelFailure(err, remote, host, port), null),
    );
  };
}
