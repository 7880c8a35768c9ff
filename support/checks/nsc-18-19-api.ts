// Runs NSC-18/NSC-19 for one daemon: decide applicability without I/O, probe, then judge with the pure checks.
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
import { fetchOutcome, fetchSpecs, type HttpEndpoints } from '../http/probe.ts';
import { probeWebApi } from '../http/web-api.ts';

/** What these need from the run: RunContext satisfies it. */
export interface ApiRun extends HttpEndpoints {
  readonly config: RunnerConfig;
  facts(): Promise<HostFacts>;
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

export async function apiSpecificationResult(run: ApiRun, service: ServiceEntry): Promise<CheckResult> {
  const host = run.config.host;
  const api = service.http;
  if (!applicability(service, 'NSC-18').applies || !api?.spec)
    return checkApiSpecification(service, {}, host);
  const { idle, blocked } = await oneShotGate(run, service, 'NSC-18');
  if (blocked) return blocked;
  if (idle !== undefined) return checkApiSpecification(service, {}, host, idle);
  return checkApiSpecification(service, await fetchSpecs(run, api), host);
}

export async function restApiResult(run: ApiRun, service: ServiceEntry): Promise<CheckResult> {
  const host = run.config.host;
  const api = service.http;
  const none = { routes: [], skipped: 0 };
  if (!applicability(service, 'NSC-19').applies || !api?.nginx)
    return checkRestApiThroughWebServer(service, none, host);
  const { idle, blocked } = await oneShotGate(run, service, 'NSC-19');
  if (blocked) return blocked;
  if (idle !== undefined) return checkRestApiThroughWebServer(service, none, host, idle);
  return checkRestApiThroughWebServer(service, await probeWebApi(run, api), host);
}

/** route: "GET /api/confd/1.1/infos"; no token is ever sent, so even a POST cannot change anything. */
export async function webServerRouteResult(run: ApiRun, target: string, route: string): Promise<CheckResult> {
  const match = /^([A-Z]+) (\/\S*)$/.exec(route.trim());
  if (!match?.[1] || !match[2])
    throw new ConfigError(`route "${route}": expected "<METHOD> /path", e.g. "GET /api/confd/1.1/infos"`);
  const fetched = await fetchOutcome(() => run.https(), match[2], match[1]);
  return checkWebServerRoute(target, fetched, run.config.host);
}
