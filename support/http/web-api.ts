// Probes a daemon's REST API through nginx (NSC-19): its spec's plain GET routes, or the bare prefix without a spec.
import type { HttpApi } from '../catalog/types.ts';
import { parseSpec, type ParsedSpec } from '../openapi/parse.ts';
import { plainGetRoutes } from '../openapi/routes.ts';
import type { HttpResponse } from './client.ts';
import { fetchWebSpec, scriptName, type Fetched, type HttpFetcher } from './probe.ts';

/** A bound on requests per daemon; Wazo's largest spec (confd) has fewer plain GET routes. */
export const MAX_ROUTES = 300;

export interface RouteProbe {
  /** Path in the spec, e.g. /infos. */
  route: string;
  fetched: Fetched;
}

export interface WebApiProbe {
  /** The spec as nginx serves it; absent when the daemon has none. */
  spec?: Fetched;
  /** The parsed spec, when it was served and parses. */
  doc?: Record<string, unknown>;
  routes: RouteProbe[];
  /** Routes left out beyond MAX_ROUTES. */
  skipped: number;
  /** GET <prefix>/ when there is no usable spec or it lists no plain GET route. */
  prefix?: Fetched;
}

/** Through nginx: <prefix>/<version><route>, e.g. /api/confd/1.1/infos. */
export function webRoutePath(api: HttpApi, route: string): string {
  return `${scriptName(api) ?? ''}${api.version === null ? '' : `/${api.version}`}${route}`;
}

const parsedSpecs = new WeakMap<HttpResponse, ParsedSpec>();

/** A served spec parsed once per answer: the run keeps one answer per request, read by NSC-18, NSC-19 and the gather. */
export function parsedSpecOf(response: HttpResponse): ParsedSpec {
  let parsed = parsedSpecs.get(response);
  if (parsed === undefined) parsedSpecs.set(response, (parsed = parseSpec(response.body)));
  return parsed;
}

function usableDoc(spec: Fetched | undefined): Record<string, unknown> | undefined {
  if (spec === undefined || !('response' in spec) || spec.response.status !== 200) return undefined;
  const parsed = parsedSpecOf(spec.response);
  return parsed.ok ? parsed.doc : undefined;
}

/** The routes are asked all at once: the fetcher bounds how many are in flight (HttpOutcomes: per origin). */
export async function probeWebApi(http: HttpFetcher, api: HttpApi): Promise<WebApiProbe> {
  const spec = await fetchWebSpec(http, api);
  const doc = usableDoc(spec);
  const base = spec === undefined ? {} : { spec };
  const all = doc === undefined ? [] : plainGetRoutes(doc);
  if (doc === undefined || all.length === 0) {
    const prefix = await http.web(`${scriptName(api) ?? ''}/`);
    return { ...base, ...(doc === undefined ? {} : { doc }), routes: [], skipped: 0, prefix };
  }
  const chosen = all.slice(0, MAX_ROUTES);
  const routes = await Promise.all(
    chosen.map(async (route) => ({ route, fetched: await http.web(webRoutePath(api, route)) })),
  );
  return { ...base, doc, routes, skipped: all.length - chosen.length };
}
