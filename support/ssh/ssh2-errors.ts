// Maps ssh2 and socket errors met while connecting to the taxonomy, naming host:port and the cause.
import { AuthFailed, HostUnreachable, WlaError } from '../errors.ts';

export interface ConnectContext {
  /** user@host:port of the target, for messages. */
  label: string;
  host: string;
  port: number;
  user: string;
  /** How we authenticated: "key /path" and/or "the SSH agent". */
  credentials: string;
  timeoutMs: number;
}

export function mapConnectError(err: unknown, context: ConnectContext): WlaError {
  if (err instanceof WlaError) return err;
  const error = err as NodeJS.ErrnoException & { level?: string };
  const { host, port, label } = context;
  if (error.level === 'client-authentication') {
    return new AuthFailed(
      `authentication as ${context.user}@${host}:${port} failed with ${context.credentials}: ` +
        `the host accepted none of them (${error.message})`,
      { cause: err },
    );
  }
  return new HostUnreachable(`cannot reach ${label}: ${unreachableCause(error, context)}`, { cause: err });
}

function unreachableCause(
  error: NodeJS.ErrnoException & { level?: string },
  context: ConnectContext,
): string {
  const { host, port, timeoutMs } = context;
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `DNS lookup of ${host} failed (${error.code})`;
    case 'ECONNREFUSED':
      return `connection to ${host}:${port} refused (ECONNREFUSED)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${host}:${port} (${error.code})`;
    case 'ETIMEDOUT':
      return `TCP connection to ${host}:${port} did not open within ${timeoutMs} ms`;
    case 'ECONNRESET':
      return `${host}:${port} reset the connection (ECONNRESET)`;
    default:
      break;
  }
  if (error.level === 'client-timeout') {
    return `SSH handshake with ${host}:${port} did not complete within ${timeoutMs} ms`;
  }
  if (/Connection lost before handshake/.test(error.message)) {
    return `${host}:${port} closed the connection before the SSH handshake`;
  }
  return `SSH connection to ${host}:${port} failed: ${error.message}`;
}
