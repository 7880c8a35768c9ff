// HTTPS to the target's nginx and plain HTTP to a daemon's own port through the SSH tunnel (stub).
import type { RunnerConfig } from '../config.ts';
import type { RemoteHost } from '../ssh/transport.ts';

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

/** Through nginx on the target's HTTPS port; TLS verified unless config.https.insecure. */
export async function createHttpsClient(_config: RunnerConfig, _remote: () => Promise<RemoteHost>): Promise<HttpClient> {
  throw new Error('createHttpsClient: not implemented yet');
}

/** To 127.0.0.1:<port> as seen from the target, through the SSH connection (no host change). */
export function createTunnelClient(_remote: RemoteHost, _port: number, _timeoutMs: number): HttpClient {
  throw new Error('createTunnelClient: not implemented yet');
}
