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
    try {
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
    } catch (err) {
      throw mapHttpError(mapError(err), `${method} ${url}`, label, timeoutMs, route);
    }
  };
  return {
    request,
    get requestCount() {
      return count;
    },
    close: () => pool.close(),
  };
}
