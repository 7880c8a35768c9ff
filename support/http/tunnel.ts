// An undici connector whose sockets are SSH direct-tcpip channels to 127.0.0.1:<port> on the target.
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { TimedOut, WlaError } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { EndpointUnreachable } from './errors.ts';

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${what}: no channel after ${timeoutMs}ms`)), timeoutMs);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
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
      (err: unknown) => {
        // The SSH layer's own failures (connection lost, auth) keep their meaning; a refused channel is the port.
        if (err instanceof WlaError) return callback(err, null);
        const reason = err instanceof Error ? err.message : String(err);
        callback(
          new EndpointUnreachable(`nothing answers at ${host}:${port} on ${remote.label}: ${reason}`, {
            cause: err,
          }),
          null,
        );
      },
    );
  };
}
