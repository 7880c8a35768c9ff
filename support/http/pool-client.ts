// The HttpClient over one undici Pool: request counting, flat headers, whole-request timeout, error mapping.
import type { Pool } from 'undici';
import type { HttpClient, HttpRequestOptions, HttpResponse } from './client.ts';
import { mapHttpError } from './errors.ts';

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * mapError: a transport-specific refinement applied first (the tunnel's "nothing answers at that port"); route: how
 * the runner reaches the server, said when it could not connect (see mapHttpError).
 */
export function poolClient(
  pool: Pool,
  origin: string,
  label: string,
  defaultTimeoutMs: number,
  mapError: (err: unknown) => unknown = (err) => err,
  route?: string,
): HttpClient {
  let count = 0;
  const request = async (path: string, options: HttpRequestOptions = {}): Promise<HttpResponse> => {
    const method = options.method ?? 'GET';
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const url = `${origin}${path}`;
    count += 1;
    const exchange = async (): Promise<HttpResponse> => {
      const response = await pool.request({
        path,
        method,
        headers: options.headers ?? {},
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await response.body.text();
      return { url, status: response.statusCode, headers: flatHeaders(response.headers), body };
    };
    try {
      return await withinDeadline(exchange(), timeoutMs + DEADLINE_GRACE_MS);
    } catch (err) {
      throw mapHttpError(mapError(err), `${method} ${url}`, label, timeoutMs, route);
    }
  };
  return {
    request,
    get requestCount() {
      return count;
    },
    close: () => closeWithin(pool, CLOSE_DEADLINE_MS),
  };
}

/** undici's own timeouts fire first; this bound only catches an exchange they miss. */
const DEADLINE_GRACE_MS = 1_000;
const CLOSE_DEADLINE_MS = 2_000;

/**
 * Seen on the lab through an ssh2 channel: after a server that closes every connection (wazo-provd's HTTP/1.0
 * port) answered four requests, the fifth never settled - neither undici's headersTimeout nor the abort signal
 * ended it - and pool.close() waited for it forever. A request and a close are therefore bounded here too.
 */
export function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms}ms`), { name: 'TimeoutError' })),
      ms,
    );
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

export async function closeWithin(pool: Pool, ms: number): Promise<void> {
  try {
    await withinDeadline(pool.close(), ms);
  } catch {
    await withinDeadline(pool.destroy(), ms).catch(() => undefined);
  }
}
