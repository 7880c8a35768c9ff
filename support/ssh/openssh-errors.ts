// Reads the system ssh's stderr (exit status 255) and maps its failures to the taxonomy.
import { AuthFailed, HostKeyRejected, HostUnreachable } from '../errors.ts';
import type { WlaError } from '../errors.ts';

export interface OpensshContext {
  label: string;
  host: string;
  port: number;
  user: string;
  keyFile?: string;
  knownHostsFile: string;
  connectTimeoutMs: number;
  /** argv[0] of the command, for "lost while running X". */
  command: string;
}

/** The error ssh's stderr describes, or undefined when exit 255 came from the remote command itself. */
export function mapOpensshFailure(stderr: string, context: OpensshContext): WlaError | undefined {
  const { label, host, port } = context;
  const unreachable = (cause: string): HostUnreachable =>
    new HostUnreachable(`cannot reach ${label}: ${cause}`);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr)) {
    const offered =
      /key sent by the remote host is\s*\n?\s*(SHA256:[A-Za-z0-9+/]+)/.exec(stderr)?.[1] ?? 'unknown';
    return new HostKeyRejected(
      `REMOTE HOST IDENTIFICATION HAS CHANGED for ${host}:${port}: ssh refused it, the host offers ${offered}, ` +
        `${context.knownHostsFile} records another key. Someone may be intercepting the connection, or the host ` +
        `was reinstalled: check the new key, then remove the old one with ssh-keygen -R '${entryName(host, port)}' ` +
        `-f ${context.knownHostsFile}`,
    );
  }
  if (/Host key verification failed/.test(stderr)) {
    return new HostKeyRejected(
      `host key of ${host}:${port} is unknown (not in ${context.knownHostsFile}; ssh refused it): check the ` +
        `fingerprint (ssh-keyscan -p ${port} ${host} | ssh-keygen -lf -), then rerun with --accept-new-host-key ` +
        `or run: ssh-keyscan -p ${port} ${host} >> ${context.knownHostsFile}`,
    );
  }
  const denied = /Permission denied \(([^)]*)\)/.exec(stderr);
  if (denied) {
    const credentials = context.keyFile ? `key ${context.keyFile}` : "the SSH agent's keys";
    return new AuthFailed(
      `authentication as ${context.user}@${host}:${port} failed with ${credentials}: the host accepted none of ` +
        `them (Permission denied (${denied[1]}))`,
    );
  }
  const dns = /Could not resolve hostname ([^:\s]+)/.exec(stderr);
  if (dns) return unreachable(`DNS lookup of ${dns[1]} failed`);
  if (/Connection refused/.test(stderr))
    return unreachable(`connection to ${host}:${port} refused (ECONNREFUSED)`);
  if (/No route to host|Network is unreachable/.test(stderr))
    return unreachable(`no route to ${host}:${port}`);
  if (/Connection timed out|Operation timed out/.test(stderr)) {
    return unreachable(
      `TCP connection to ${host}:${port} did not open within ${context.connectTimeoutMs} ms`,
    );
  }
  if (/kex_exchange_identification/.test(stderr)) {
    return unreachable(`${host}:${port} closed the connection before the SSH handshake`);
  }
  if (/Connection closed by .* port \d+$|Connection reset by/m.test(stderr)) {
    return new HostUnreachable(
      `connection to ${label} lost while running ${context.command}: ${firstLine(stderr)}`,
    );
  }
  if (/Timeout, server .* not responding|client_loop: send disconnect|Broken pipe/.test(stderr)) {
    return new HostUnreachable(
      `connection to ${label} lost while running ${context.command}: ${firstLine(stderr)}`,
    );
  }
  return undefined;
}

/** Failures that happen before a command starts: a rebooting host heals from these. */
export function isConnectFailure(err: WlaError): boolean {
  return err instanceof HostUnreachable && err.message.startsWith('cannot reach ');
}

function entryName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0]?.trim() ?? '';
}
