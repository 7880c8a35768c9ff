// Fetches what NSC-18/NSC-19 judge (specs, routes) and records each outcome, success or error, for the pure checks.
import type { HttpApi } from '../catalog/types.ts';
import { HostUnreachable, WlaError } from '../errors.ts';
import type { HttpClient, HttpResponse } from './client.ts';

/** What the steps need from the run: RunContext satisfies it. */
export interface HttpEndpoints {
  https(): Promise<HttpClient>;
  tunnel(port: number): Promise<HttpClient>;
}

export type Fetched =
  { method: string; url: string; response: HttpResponse } | { method: string; url: string; error: WlaError };

function asWlaError(err: unknown): WlaError {
  if (err instanceof WlaError) return err;
  return new HostUnreachable(err instanceof Error ? err.message : String(err), { cause: err });
}

export async function fetchOutcome(
  client: () => Promise<HttpClient>,
  path: string,
  method = 'GET',
  describe = path,
): Promise<Fetched> {
  try {
    const response = await (await client()).request(path, { method });
    return { method, url: response.url, response };
  } catch (err) {
    return { method, url: describe, error: asWlaError(err) };
  }
}

/** The nginx prefix without its trailing slash, e.g. /api/confd. */
export function scriptName(api: HttpApi): string | undefined {
  return api.nginx?.prefix.replace(/\/+$/, '');
}

/** Path of the spec through nginx: /api/<short>/<version>/api/api.yml (the daemon's spec path under the prefix). */
export function webSpecPath(api: HttpApi): string | undefined {
  const prefix = scriptName(api);
  return prefix === undefined || api.spec === null ? undefined : `${prefix}${api.spec.path}`;
}

export interface SpecFetches {
  daemon?: Fetched;
  web?: Fetched;
}

const specCache = new WeakMap<HttpClient, Map<string, Promise<Fetched>>>();

/** Spec fetches through nginx are shared by NSC-18 and NSC-19 within a worker (successful answers only). */
async function cachedFetch(client: () => Promise<HttpClient>, path: string): Promise<Fetched> {
  let resolved: HttpClient;
  try {
    resolved = await client();
  } catch (err) {
    return { method: 'GET', url: path, error: asWlaError(err) };
  }
  let perClient = specCache.get(resolved);
  if (perClient === undefined) specCache.set(resolved, (perClient = new Map<string, Promise<Fetched>>()));
  let pending = perClient.get(path);
  if (pending === undefined) {
    const fetching = fetchOutcome(async () => resolved, path);
    perClient.set(path, fetching);
    // Like the fact cache, a failure is never served again: the next step asks anew.
    void fetching.then((outcome) => {
      if ('error' in outcome && perClient.get(path) === fetching) perClient.delete(path);
    });
    pending = fetching;
  }
  return pending;
}

export async function fetchWebSpec(endpoints: HttpEndpoints, api: HttpApi): Promise<Fetched | undefined> {
  const path = webSpecPath(api);
  return path === undefined ? undefined : cachedFetch(() => endpoints.https(), path);
}

export async function fetchSpecs(endpoints: HttpEndpoints, api: HttpApi): Promise<SpecFetches> {
  if (api.spec === null) return {};
  const specPath = api.spec.path;
  const [daemon, web] = await Promise.all([
    fetchOutcome(
      () => endpoints.tunnel(api.port),
      specPath,
      'GET',
      `http://127.0.0.1:${api.port}${specPath}`,
    ),
    fetchWebSpec(endpoints, api),
  ]);
  return web === undefined ? { daemon } : { daemon, web };
}

/** Runs fn over items with at most `limit` in flight, keeping the input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
