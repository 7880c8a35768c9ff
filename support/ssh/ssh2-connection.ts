// Opens one authenticated, host-verified ssh2 connection (optionally over a jump host's forwarded stream).
import type { Socket } from 'node:net';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client, ClientChannel, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import { HostUnreachable, RemoteCommandFailed } from '../errors.ts';
import { checkHostKey, readKnownHosts } from './host-key-policy.ts';
import type { HostKeyPolicy } from './host-key-policy.ts';
import type { PrivateKey } from './private-key.ts';
import { mapConnectError } from './ssh2-errors.ts';
import type { ConnectContext } from './ssh2-errors.ts';

export interface Endpoint {
  host: string;
  port: number;
  user: string;
}

export interface Ssh2Auth {
  privateKey?: PrivateKey;
  passphrase?: string;
  /** Path of the agent socket (SSH_AUTH_SOCK). */
  agent?: string;
}

export interface Ssh2ConnectOptions {
  auth: Ssh2Auth;
  hostKeys: HostKeyPolicy;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

/** A live connection; `lost` turns true once the transport below it closed, for whatever reason. */
export interface Ssh2Connection {
  readonly client: Client;
  readonly lost: boolean;
  bytesRead(): number;
  bytesWritten(): number;
  close(): void;
}

const HOST_KEY_ALGORITHMS: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export function describeCredentials(auth: Ssh2Auth): string {
  const parts = [
    auth.privateKey ? `key ${auth.privateKey.file}` : '',
    auth.agent ? "the SSH agent's keys" : '',
  ];
  return parts.filter((p) => p !== '').join(' and ') || 'no credentials';
}

export async function connectDirect(target: Endpoint, options: Ssh2ConnectOptions): Promise<Ssh2Connection> {
  const context = connectContext(target, options);
  const socket = await openSocket(target, context);
  try {
    const client = await handshake(target, options, socket, context);
    return trackConnection(client, [client], socket);
  } catch (err) {
    socket.destroy();
    throw err;
  }
}

export async function connectViaJump(
  jump: Endpoint,
  target: Endpoint,
  options: Ssh2ConnectOptions,
): Promise<Ssh2Connection> {
  const first = await connectDirect(jump, options);
  try {
    const stream = await forwardOn(first, `${jump.user}@${jump.host}:${jump.port}`, target.host, target.port);
    const context = connectContext(target, options);
    const client = await handshake(target, options, stream, context);
    return trackConnection(client, [client, first.client], undefined, first);
  } catch (err) {
    first.close();
    if (err instanceof RemoteCommandFailed) {
      throw new HostUnreachable(
        `cannot reach ${labelOf(target)} through jump host ${jump.host}:${jump.port}: ${err.message}`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
}

/** Opens a direct-tcpip channel to host:port as seen from the connection's host. */
export async function forwardOn(
  connection: Ssh2Connection,
  label: string,
  host: string,
  port: number,
): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      connection.client.forwardOut('127.0.0.1', 0, host, port, (err, channel) => {
        if (err) {
          const why = describeOpenFailure(err);
          reject(
            new RemoteCommandFailed(`${label} could not open a TCP connection to ${host}:${port}: ${why}`, {
              cause: err,
            }),
          );
        } else resolve(channel);
      });
    } catch (err) {
      reject(
        new HostUnreachable(`connection to ${label} lost before forwarding to ${host}:${port}`, {
          cause: err,
        }),
      );
    }
  });
}

const OPEN_FAILURE_REASONS: Record<number, string> = {
  1: 'administratively prohibited',
  2: 'connect failed',
  3: 'unknown channel type',
  4: 'resource shortage',
};

/** ssh2's text plus the RFC 4254 reason, since some servers send an empty description. */
export function describeOpenFailure(err: Error & { reason?: unknown }): string {
  const reason = typeof err.reason === 'number' ? OPEN_FAILURE_REASONS[err.reason] : undefined;
  const text = err.message.replace(/:\s*$/, '');
  return reason ? `${text} (${reason})` : text;
}

function labelOf(target: Endpoint): string {
  return `${target.user}@${target.host}:${target.port}`;
}

function connectContext(target: Endpoint, options: Ssh2ConnectOptions): ConnectContext {
  return {
    label: labelOf(target),
    host: target.host,
    port: target.port,
    user: target.user,
    credentials: describeCredentials(options.auth),
    timeoutMs: options.connectTimeoutMs,
  };
}

async function openSocket(target: Endpoint, context: ConnectContext): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(mapConnectError(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }), context));
    }, context.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(mapConnectError(err, context));
    });
  });
}

async function handshake(
  target: Endpoint,
  options: Ssh2ConnectOptions,
  sock: Duplex,
  context: ConnectContext,
): Promise<Client> {
  const client = new ssh2.Client();
  let hostKeyError: unknown;
  const config: ConnectConfig = {
    sock: sock,
    username: target.user,
    readyTimeout: options.connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: options.keepaliveCountMax,
    algorithms: { serverHostKey: preferredHostKeys(options.hostKeys, target) },
    hostVerifier: (key: Buffer) => {
      try {
        checkHostKey(options.hostKeys, target.host, target.port, key);
        return true;
      } catch (err) {
        hostKeyError = err;
        return false;
      }
    },
    ...(options.auth.privateKey ? { privateKey: options.auth.privateKey.data } : {}),
    ...(options.auth.passphrase !== undefined ? { passphrase: options.auth.passphrase } : {}),
    ...(options.auth.agent ? { agent: options.auth.agent } : {}),
  };
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void => {
      client.removeAllListeners('ready');
      // ssh2 may report more errors while tearing down; they add nothing to the first.
      client.on('error', () => undefined);
      client.end();
      reject(mapConnectError(hostKeyError ?? err, context));
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      client.removeListener('close', onEarlyClose);
      resolve(client);
    });
    client.once('error', fail);
    const onEarlyClose = (): void => fail(new Error('Connection lost before handshake'));
    client.once('close', onEarlyClose);
    try {
      client.connect(config);
    } catch (err) {
      fail(err);
    }
  });
}

/** Offers the key types known_hosts records for this host first, as OpenSSH does. */
export function preferredHostKeys(
  policy: HostKeyPolicy,
  target: Endpoint,
): Record<'remove' | 'prepend' | 'append', ServerHostKeyAlgorithm[]> {
  const known = readKnownHosts(policy.knownHostsFile)
    .entriesFor(target.host, target.port)
    .filter((entry) => entry.marker === undefined)
    .flatMap((entry) => HOST_KEY_ALGORITHMS[entry.keyType] ?? []);
  const unique = [...new Set(known)];
  // ssh2 applies the operations in key order: remove first, then prepend.
  return { remove: unique, prepend: unique, append: [] };
}

function trackConnection(
  client: Client,
  clients: Client[],
  socket: Socket | undefined,
  jump?: Ssh2Connection,
): Ssh2Connection {
  let lost = false;
  const markLost = (): void => {
    lost = true;
  };
  // Errors after 'ready' (keepalive timeout, reset) end in 'close'; listening keeps them from crashing the process.
  client.on('error', markLost);
  client.on('close', markLost);
  client.on('end', markLost);
  return {
    client,
    get lost() {
      return lost || (jump?.lost ?? false);
    },
    bytesRead: () => socket?.bytesRead ?? jump?.bytesRead() ?? 0,
    bytesWritten: () => socket?.bytesWritten ?? jump?.bytesWritten() ?? 0,
    close: () => {
      markLost();
      for (const c of clients) c.end();
      socket?.destroy();
    },
  };
}
