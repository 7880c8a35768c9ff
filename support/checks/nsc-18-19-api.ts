// Runs NSC-18/NSC-19 for one daemon: decide applicability without I/O, read the run's HTTP outcomes, then judge with
// the pure checks; and gathers those outcomes up front for the whole run (gatherApis), as the fact snapshot does.
import { applicability } from '../catalog/lookup.ts';
import type { ServiceEntry } from '../catalog/types.ts';
import {
  checkApiSpecification,
  checkRestApiThroughWebServer,
  checkWebServerRoute,
  idleReason,
} from './http.ts';
import type { CheckResult } from '../result.ts';
import { precheck, subject } from './build-result.ts';
import type { RunnerConfig } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import type { HostFacts } from '../facts/types.ts';
import { fetchSpecs, type HttpFetcher, type SpecFetches } from '../http/probe.ts';
import { probeWebApi, type WebApiProbe } from '../http/web-api.ts';

/** What these need from the run: RunContext satisfies it. */
export interface ApiRun {
  readonly config: RunnerConfig;
  facts(): Promise<HostFacts>;
  /** The run's HTTP outcomes, each request made once (RunContext: the first call starts gathering them all). */
  apiHttp(): HttpFetcher;
}

/**
 * Routes checked for the host rather than for a daemon of the catalog: features/http.feature lists the same in its
 * literal Examples table (support/checks/nsc-18-19-api.test.ts holds them equal), so the run can fetch them up front.
 */
export const HOST_ROUTES: readonly { target: string; route: string }[] = [
  { target: 'asterisk', route: 'GET /api/asterisk/ws' },
];

/** The routes the run checks through the web server: the host's, then each selected daemon's http.routes. */
export function runRoutes(services: readonly ServiceEntry[]): { target: string; route: string }[] {
  const listed = services.flatMap((s) => (s.http?.routes ?? []).map((route) => ({ target: s.name, route })));
  return [...HOST_ROUTES, ...listed];
}

/**
 * A one-shot daemon's idleness needs the fact snapshot: idle (not applicable, with why), blocked (the snapshot could
 * not read its unit or processes: not checked) or neither. Without any snapshot, the probe itself tells.
 */
async function oneShotGate(
  run: ApiRun,
  service: ServiceEntry,
  item: 'NSC-18' | 'NSC-19',
): Promise<{ idle?: string; blocked?: CheckResult }> {
  if (!service.oneShot) return {};
  const facts = await run.facts().catch(() => undefined);
  if (facts === undefined) return {};
  const needs = [{ section: 'units' }, { section: 'processes' }];
  const blocked = precheck(facts, subject(service, run.config.host, item), needs);
  return blocked ? { blocked } : { idle: idleReason(facts, service) };
}

/** What a check needs fetched, or its result when nothing is to be fetched (not applicable, idle, blocked). */
type Inputs<T> = { result: CheckResult } | { fetched: T };

async function specInputs(
  run: ApiRun,
  http: HttpFetcher,
  service: ServiceEntry,
): Promise<Inputs<SpecFetches>> {
  const host = run.config.host;
  const api = service.http;
  if (!applicability(service, 'NSC-18').applies || !api?.spec)
    return { result: checkApiSpecification(service, {}, host) };
  const { idle, blocked } = await oneShotGate(run, service, 'NSC-18');
  if (blocked) return { result: blocked };
  if (idle !== undefined) return { result: checkApiSpecification(service, {}, host, idle) };
  return { fetched: await fetchSpecs(http, api) };
}

async function webApiInputs(
  run: ApiRun,
  http: HttpFetcher,
  service: ServiceEntry,
): Promise<Inputs<WebApiProbe>> {
  const host = run.config.host;
  const api = service.http;
  const none = { routes: [], skipped: 0 };
  if (!applicability(service, 'NSC-19').applies || !api?.nginx)
    return { result: checkRestApiThroughWebServer(service, none, host) };
  const { idle, blocked } = await oneShotGate(run, service, 'NSC-19');
  if (blocked) return { result: blocked };
  if (idle !== undefined) return { result: checkRestApiThroughWebServer(service, none, host, idle) };
  return { fetched: await probeWebApi(http, api) };
}

/** "GET /api/confd/1.1/infos" -> method and path; undefined when it is not of that shape. */
function parseRoute(route: string): { method: string; path: string } | undefined {
  const match = /^([A-Z]+) (\/\S*)$/.exec(route.trim());
  return match?.[1] && match[2] ? { method: match[1], path: match[2] } : undefined;
}

/**
 * Asks for everything NSC-18/19 will read for these daemons and routes, all at once (http bounds what is in flight),
 * so the checks find their outcomes ready. Never rejects: a check that needs an outcome asks for it itself.
 */
export async function gatherApis(
  run: ApiRun,
  http: HttpFetcher,
  services: readonly ServiceEntry[],
): Promise<void> {
  const routes = runRoutes(services).flatMap(({ route }) => parseRoute(route) ?? []);
  await Promise.allSettled([
    ...services.flatMap((service) => [specInputs(run, http, service), webApiInputs(run, http, service)]),
    ...routes.map(({ method, path }) => http.web(path, method)),
  ]);
}

export async function apiSpecificationResult(run: ApiRun, service: ServiceEntry): Promise<CheckResult> {
  const inputs = await specInputs(run, run.apiHttp(), service);
  return 'result' in inputs ? inputs.result : checkApiSpecification(service, inputs.fetched, run.config.host);
}

export async function restApiResult(run: ApiRun, service: ServiceEntry): Promise<CheckResult> {
  const inputs = await webApiInputs(run, run.apiHttp(), service);
  return 'result' in inputs
    ? inputs.result
    : checkRestApiThroughWebServer(service, inputs.fetched, run.config.host);
}

/** route: "GET /api/confd/1.1/infos"; no token is ever sent, so even a POST cannot change anything. */
export async function webServerRouteResult(run: ApiRun, target: string, route: string): Promise<CheckResult> {
  const parsed = parseRoute(route);
  if (parsed === undefined)
    throw new ConfigError(`route "${route}": expected "<METHOD> /path", e.g. "GET /api/confd/1.1/infos"`);
  const fetched = await run.apiHttp().web(parsed.path, parsed.method);
  return checkWebServerRoute(target, fetched, run.config.host);
}
