// NSC-18 (the API spec is served and valid) and NSC-19 (the REST API answers through nginx), judged from probe outcomes.
import { applicability } from '../catalog/lookup.ts';
import type { ApiSpec, HttpApi, ServiceEntry } from '../catalog/types.ts';
import type { ErrorCode } from '../errors.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import { fetchedLine, NOT_ANSWERING, someOf } from '../http/evidence.ts';
import type { Fetched, SpecFetches } from '../http/probe.ts';
import { scriptName } from '../http/probe.ts';
import { parsedSpecOf, type WebApiProbe } from '../http/web-api.ts';
import { danglingRefs, describeDangling } from '../openapi/refs.ts';
import { validateResponseBody } from '../openapi/response.ts';
import { validateSpec } from '../openapi/validate.ts';
import { decide, notApplicable, notChecked, subject, type Subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { idleOneShot, runningState } from './running.ts';
import type { HostFacts } from '../facts/types.ts';

/** Why a one-shot daemon (wazo-setupd) has no API to probe right now; undefined when it should answer. */
export function idleReason(facts: HostFacts | undefined, service: ServiceEntry): string | undefined {
  return facts === undefined || !service.oneShot
    ? undefined
    : idleOneShot(service, runningState(facts, service));
}

/** A fetch that could not be judged: the run, not the host, is at fault (TLS refused, SSH lost, timeout). */
interface Blocked {
  why: string;
  code: ErrorCode;
}

function blockedBy(fetched: Fetched): Blocked | undefined {
  if (!('error' in fetched) || fetched.error instanceof EndpointUnreachable) return undefined;
  return { why: fetched.error.message, code: fetched.error.code };
}

/** Applicability per the catalog, then "has an HTTP API / a spec / an nginx location". */
function notApplicableFor(s: Subject, missing: string | undefined): CheckResult | undefined {
  const verdict = applicability(s.service, s.item);
  if (!verdict.applies) return notApplicable(s, verdict.reason);
  return missing === undefined ? undefined : notApplicable(s, missing);
}

function firstBlocked(s: Subject, fetches: readonly Fetched[], evidence: string[]): CheckResult | undefined {
  for (const fetched of fetches) {
    const blocked = blockedBy(fetched);
    if (blocked) return notChecked(s, blocked.why, evidence, blocked.code);
  }
  return undefined;
}

// ---- NSC-18 ----

function expectedBasePath(spec: ApiSpec, api: HttpApi, throughWeb: boolean): string | null {
  const prefix = scriptName(api);
  if (spec.basePath === null || !throughWeb || prefix === undefined) return spec.basePath;
  // Wazo's reverse_proxy_fix_api_spec prepends X-Script-Name; a static spec (provd) already carries it.
  return spec.basePath.startsWith(`${prefix}/`) ? spec.basePath : `${prefix}${spec.basePath}`;
}

function declaredBasePath(doc: Record<string, unknown>): unknown {
  if ('swagger' in doc) return doc.basePath;
  const servers = Array.isArray(doc.servers) ? (doc.servers as { url?: unknown }[]) : [];
  const url = servers[0]?.url;
  return typeof url === 'string' ? new URL(url, 'http://x').pathname : undefined;
}

function formatMatches(catalogFormat: ApiSpec['format'], found: string): boolean {
  return catalogFormat === 'swagger-2.0' ? found === 'swagger-2.0' : found.startsWith('openapi-3');
}

function specMismatches(fetched: Fetched, spec: ApiSpec, basePath: string | null): string[] {
  const at = `spec at ${fetched.url}`;
  if ('error' in fetched) return [`${at}: ${fetched.error.message}`];
  if (fetched.response.status !== 200) return [`${at}: expected 200, found ${fetched.response.status}`];
  const parsed = parsedSpecOf(fetched.response);
  if (!parsed.ok) return [`${at}: ${parsed.error}`];
  const validation = validateSpec(parsed.doc);
  const found: string[] = [];
  if (validation.format !== undefined && !formatMatches(spec.format, validation.format)) {
    found.push(`${at}: expected a ${spec.format} document, found ${validation.format}`);
  }
  if (validation.errors.length > 0) {
    found.push(`${at}: not a valid ${validation.format ?? 'API'} document: ${someOf(validation.errors, 5)}`);
  }
  const dangling = danglingRefs(parsed.doc).map(describeDangling);
  if (dangling.length > 0) found.push(`${at}: expected every $ref to resolve, found ${someOf(dangling, 5)}`);
  const info = parsed.doc.info as { version?: unknown } | undefined;
  if (spec.infoVersion !== null && info?.version !== spec.infoVersion) {
    found.push(`${at}: info.version: expected "${spec.infoVersion}", found ${JSON.stringify(info?.version)}`);
  }
  const declared = declaredBasePath(parsed.doc);
  if (basePath !== null && declared !== basePath) {
    found.push(`${at}: basePath: expected "${basePath}", found ${JSON.stringify(declared)}`);
  }
  return found;
}

/** NSC-18: the spec is served on the daemon's own port and through nginx, valid, and agrees with the catalog. */
export function checkApiSpecification(
  service: ServiceEntry,
  fetched: SpecFetches,
  host: string,
  idle?: string,
): CheckResult {
  const s = subject(service, host, 'NSC-18');
  const api = service.http;
  const early = notApplicableFor(s, api?.spec ? idle : 'the catalog lists no API specification for it');
  if (early || !api?.spec) return early ?? notApplicable(s, 'no API specification');
  const sources = [fetched.daemon, fetched.web].filter((f): f is Fetched => f !== undefined);
  const evidence = sources.map(fetchedLine);
  if (fetched.daemon === undefined)
    return notChecked(s, 'the spec was not fetched from the daemon port', evidence);
  const blocked = firstBlocked(s, sources, evidence);
  if (blocked) return blocked;
  const mismatches = [
    ...specMismatches(fetched.daemon, api.spec, expectedBasePath(api.spec, api, false)),
    ...(fetched.web ? specMismatches(fetched.web, api.spec, expectedBasePath(api.spec, api, true)) : []),
  ];
  const where = fetched.web ? 'on its own port and through the web server' : 'on its own port';
  const version = api.spec.infoVersion === null ? '' : ` (info.version ${api.spec.infoVersion})`;
  return decide(s, mismatches, evidence, `serves a valid ${api.spec.format} spec${version} ${where}`);
}

// ---- NSC-19 ----

/** What the bodies of the 2xx answers show: mismatches, and bodies whose schema could not be used. */
interface BodyFindings {
  mismatches: string[];
  unjudged: string[];
}

function judgeBodies(doc: Record<string, unknown> | undefined, routes: WebApiProbe['routes']): BodyFindings {
  const findings: BodyFindings = { mismatches: [], unjudged: [] };
  if (doc === undefined) return findings;
  for (const { route, fetched } of routes) {
    if ('error' in fetched) continue;
    const { status, body, headers } = fetched.response;
    if (status < 200 || status >= 300) continue;
    const verdict = validateResponseBody(doc, route, status, body, headers['content-type']);
    if (verdict.kind === 'invalid') {
      findings.mismatches.push(
        `GET ${fetched.url} answered ${status} with a body that does not match ${verdict.schema}: ${someOf(verdict.errors)}`,
      );
    } else if (verdict.kind === 'unusable') {
      findings.unjudged.push(
        `the body of GET ${fetched.url} (${status}): its response schema ${verdict.schema} does not compile: ${verdict.error}`,
      );
    }
  }
  return findings;
}

/** Routes grouped by what went wrong, so 100 routes behind a missing location read as one line. */
function unanswered(fetches: readonly Fetched[], service: string): string[] {
  const byOutcome = new Map<string, string[]>();
  for (const fetched of fetches) {
    const outcome =
      'error' in fetched
        ? fetched.error.message
        : NOT_ANSWERING.has(fetched.response.status)
          ? String(fetched.response.status)
          : undefined;
    if (outcome === undefined) continue;
    byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), new URL(fetched.url, 'https://x').pathname]);
  }
  return [...byOutcome].map(
    ([outcome, paths]) =>
      `GET ${someOf(paths)} through the web server: expected an answer from ${service}, found ${outcome}`,
  );
}

function statusCounts(fetches: readonly Fetched[]): string {
  const counts = new Map<number, number>();
  for (const f of fetches)
    if ('response' in f) counts.set(f.response.status, (counts.get(f.response.status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${n}x ${status}`)
    .join(', ');
}

/** NSC-19: through nginx, every plain GET route of the spec answers (401 counts), and 2xx bodies match the spec. */
export function checkRestApiThroughWebServer(
  service: ServiceEntry,
  probe: WebApiProbe,
  host: string,
  idle?: string,
): CheckResult {
  const s = subject(service, host, 'NSC-19');
  const early = notApplicableFor(
    s,
    service.http?.nginx ? idle : 'the catalog lists no nginx location for it',
  );
  if (early) return early;
  const fetches = [...probe.routes.map((r) => r.fetched), ...(probe.prefix ? [probe.prefix] : [])];
  const evidence = [...(probe.spec ? [fetchedLine(probe.spec)] : []), ...fetches.map(fetchedLine)];
  if (probe.skipped > 0) evidence.push(`${probe.skipped} more plain GET routes not requested (limit)`);
  const blocked = firstBlocked(s, probe.spec ? [probe.spec, ...fetches] : fetches, evidence);
  if (blocked) return blocked;
  const bodies = judgeBodies(probe.doc, probe.routes);
  const mismatches = [...unanswered(fetches, service.name), ...bodies.mismatches];
  // A body nobody could compare is not a pass: with no finding elsewhere, the check says what it could not judge.
  if (mismatches.length === 0 && bodies.unjudged.length > 0) {
    return notChecked(s, someOf(bodies.unjudged), evidence);
  }
  const n = probe.routes.length;
  const what =
    n === 0
      ? 'its prefix answers'
      : n === 1
        ? '1 GET route of its spec answers'
        : `${n} GET routes of its spec answer`;
  return decide(s, mismatches, evidence, `${what} through the web server (${statusCounts(fetches)})`);
}

/** NSC-19, wazo-acceptance's http.feature: one exact URL does not answer 404 (nor 502/503/504) through nginx. */
export function checkWebServerRoute(target: string, fetched: Fetched, host: string): CheckResult {
  const base = { host, service: target, item: 'NSC-19', evidence: [fetchedLine(fetched)] };
  const prefix = `${target} on ${host}: NSC-19 ${fetched.method} ${new URL(fetched.url, 'https://x').pathname} through the web server`;
  const blocked = blockedBy(fetched);
  if (blocked)
    return {
      ...base,
      status: 'not-checked',
      message: `${prefix} could not be checked: ${blocked.why}`,
      errorCode: blocked.code,
    };
  if ('error' in fetched)
    return {
      ...base,
      status: 'failed',
      message: `${prefix}: expected an answer, found ${fetched.error.message}`,
    };
  const { status } = fetched.response;
  if (NOT_ANSWERING.has(status))
    return { ...base, status: 'failed', message: `${prefix}: expected an answer, found ${status}` };
  return { ...base, status: 'passed', message: `${prefix} answers ${status}` };
}
