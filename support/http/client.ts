// HTTPS to the target's nginx (from the runner or through SSH) and plain HTTP to a daemon's port through SSH.
import { readFileSync } from 'node:fs';
import { Pool, type buildConnector } from 'undici';
import type { RunnerConfig } from '../config/types.ts';
import { ConfigError, RemoteCommandFailed } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { EndpointUnreachable } from './errors.ts';
import { readHostCertificate } from './host-certificate.ts';
import { poolClient } from './pool-client.ts';
import { buildHttpsConnector, type Trust } from './trust.ts';
import { channelFailure, tunnelConnector } from './tunnel.ts';

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface HttpClient {
  /** path is absolute on that server, e.g. /api/confd/1.1/api/api.yml. */
  request(path: string, options?: HttpRequestOptions): Promise<HttpResponse>;
  readonly requestCount: number;
  close(): Promise<void>;
}

/** Concurrent connections per client: few, so a run stays light on the host (and on the SSH channels). */
const HTTPS_CONNECTIONS = 4;
const TUNNEL_CONNECTIONS = 2;

function readCaFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`https.caFile: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

async function trustFor(config: RunnerConfig, remote: () => Promise<RemoteHost>): Promise<Trust> {
  const { https } = config;
  if (https.insecure) return { kind: 'insecure' };
  if (https.pinFromHost) {
    const cert = await readHostCertificate(await remote(), https.timeoutMs);
    return { kind: 'pin', pem: cert.pem, source: cert.source };
  }
  if (https.caFile !== undefined) return { kind: 'ca', pem: readCaFile(https.caFile), file: https.caFile };
  return { kind: 'system' };
}

/** IPv6 literals need brackets in an origin. */
function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Through nginx on the target's HTTPS port; TLS verified unless config.https.insecure. Route direct dials host:port
 * from the runner; route ssh carries each connection over the run's SSH connection to 127.0.0.1:port on the host
 * (where nginx listens whatever the host's outside address), and verifies the certificate exactly as direct does.
 */
export async function createHttpsClient(
  config: RunnerConfig,
  remote: () => Promise<RemoteHost>,
): Promise<HttpClient> {
  const { port, timeoutMs, serverName, route } = config.https;
  const trust = await trustFor(config, remote);
  const address = `${hostForUrl(config.host)}:${port}`;
  const origin = `https://${address}`;
  const tls = buildHttpsConnector({ trust, timeoutMs, ...(serverName ? { serverName } : {}) });
  const options = { connections: HTTPS_CONNECTIONS, ...poolTimeouts(timeoutMs) };
  if (route === 'direct') {
    const pool = new Pool(origin, { connect: tls, ...options });
    return poolClient(pool, origin, address, timeoutMs, undefined, directRouteNote(config));
  }
  const host = await remote();
  const via = `through the SSH connection to ${host.label}${config.ssh.jumpHost ? ` via ${config.ssh.jumpHost}` : ''}`;
  const nginx = `nginx at ${origin} (${via})`;
  const connect = sshRouteConnector(host, port, timeoutMs, tls, nginx);
  // With the openssh transport a refused forward shows up later, as the stream's error.
  const refine = (err: unknown) =>
    err instanceof RemoteCommandFailed
      ? nginxUnreachable(channelFailure(err, host, '127.0.0.1', port), nginx)
      : err;
  const pool = new Pool(origin, { connect, ...options });
  return poolClient(pool, origin, `${address} (${via})`, timeoutMs, refine);
}

/** Said of a connection that failed on the direct route, so a bastion setup knows what to change. */
function directRouteNote(config: RunnerConfig): string {
  const advice = config.ssh.jumpHost
    ? 'with a jump host use https.route: ssh'
    : 'https.route: ssh goes through the SSH connection instead';
  return `directly from the runner (https.route: direct); ${advice}`;
}

/** A forwarded channel to 127.0.0.1:port on the host, then TLS over it with the direct route's checks. */
function sshRouteConnector(
  remote: RemoteHost,
  port: number,
  timeoutMs: number,
  tls: buildConnector.connector,
  nginx: string,
): buildConnector.connector {
  const channel = tunnelConnector(remote, '127.0.0.1', port, timeoutMs);
  return (opts, callback) => {
    channel(opts, (err, stream) => {
      if (err !== null) return callback(nginxUnreachable(err, nginx), null);
      tls({ ...opts, httpSocket: stream }, callback);
    });
  };
}

function nginxUnreachable(err: Error, nginx: string): Error {
  if (!(err instanceof EndpointUnreachable)) return err;
  return new EndpointUnreachable(`${nginx} does not answer: ${err.message}`, { cause: err });
}

/** To 127.0.0.1:<port> as seen from the target, through the SSH connection (no host change). */
export function createTunnelClient(remote: RemoteHost, port: number, timeoutMs: number): HttpClient {
  return createForwardedClient(remote, '127.0.0.1', port, timeoutMs);
}

/** Plain HTTP to host:port as seen from the target (e.g. Consul's address), through the SSH connection. */
export function createForwardedClient(
  remote: RemoteHost,
  host: string,
  port: number,
  timeoutMs: number,
): HttpClient {
  const origin = `http://${hostForUrl(host)}:${port}`;
  const connect = tunnelConnector(remote, host, port, timeoutMs);
  const pool = new Pool(origin, { connect, connections: TUNNEL_CONNECTIONS, ...poolTimeouts(timeoutMs) });
  // With the openssh transport a refused forward shows up later, as the stream's error.
  const refine = (err: unknown) =>
    err instanceof RemoteCommandFailed ? channelFailure(err, remote, host, port) : err;
  return poolClient(pool, origin, `${hostForUrl(host)}:${port} on ${remote.label}`, timeoutMs, refine);
}

function poolTimeouts(timeoutMs: number) {
  return {
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
    maxResponseSize: 32 * 1024 * 1024,
  };
}
