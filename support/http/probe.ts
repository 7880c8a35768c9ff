// What NSC-18/NSC-19 fetch (specs, routes), each outcome recorded, success or error, for the pure checks.
import type { HttpApi } from '../catalog/types.ts';
import { HostUnreachable, WlaError } from '../errors.ts';
import type { HttpClient, HttpResponse } from './client.ts';

/** The clients the run gives: RunContext satisfies it. */
export interface HttpEndpoints {
  https(): Promise<HttpClient>;
  tunnel(port: number): Promise<HttpClient>;
}

/** Where the NSC-18/19 probes ask (HttpOutcomes: once per run); each outcome is an answer or the failure. */
export interface HttpFetcher {
  /** Through nginx, e.g. /api/confd/1.1/infos. */
  web(path: string, method?: string): Promise<Fetched>;
  /** On the daemon's own port on the target's loopback, through the SSH connection. */
  daemon(port: number, path: string): Promise<Fetched>;
}

/** ms: how long the request took once it left the run's queue (evidence: a far host shows in it). */
export type Fetched =
  | { method: string; url: string; response: HttpResponse; ms?: number }
  | { method: string; url: string; error: WlaError; ms?: number };

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
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const response = await (await client()).request(path, { method });
    return { method, url: response.url, response, ms: ms() };
  } catch (err) {
    return { method, url: describe, error: asWlaError(err), ms: ms() };
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

export async function fetchWebSpec(http: HttpFetcher, api: HttpApi): Promise<Fetched | undefined> {
  const path = webSpecPath(api);
  return path === undefined ? undefined : http.web(path);
}

/** The spec on the daemon's own port and through nginx: what NSC-18 judges (NSC-19 reads the second too). */
export async function fetchSpecs(http: HttpFetcher, api: HttpApi): Promise<SpecFetches> {
  if (api.spec === null) return {};
  const [daemon, web] = await Promise.all([http.daemon(api.port, api.spec.path), fetchWebSpec(http, api)]);
  return web === undefined ? { daemon } : { daemon, web };
}
