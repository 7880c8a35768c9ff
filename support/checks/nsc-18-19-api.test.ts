// NSC-18/19 over the run's HTTP outcomes: gathered up front, each request once, read by the checks without asking again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { resolveConfig } from '../config/resolve.ts';
import type { HostFacts } from '../facts/types.ts';
import { HttpMeter } from '../http/meter.ts';
import { HttpOutcomes } from '../http/outcomes.ts';
import type { HttpEndpoints } from '../http/probe.ts';
import { fakeEndpoints, type FakeEndpoints } from '../http/testing/fake-endpoints.ts';
import {
  apiSpecificationResult,
  gatherApis,
  HOST_ROUTES,
  restApiResult,
  runRoutes,
  webServerRouteResult,
  type ApiRun,
} from './nsc-18-19-api.ts';
import { catalog, service } from './testing/catalog.ts';
import { healthyFacts } from './testing/healthy-host.ts';

const CONFIG = resolveConfig({ env: { WAZO_HOST: 'wazo-1' }, cwd: '/', home: '/nonexistent-home' }).config;
const CONFD_SPEC = readFileSync(new URL('../openapi/testing/confd-swagger.yml', import.meta.url), 'utf8');

/** confd serves its spec (3 plain GET routes) on both sides; the other specs are 404 through nginx; routes 401. */
function wazoHost(): FakeEndpoints {
  return fakeEndpoints((where, path) => {
    if (path.endsWith('/api/api.yml'))
      return where === 'web' && !path.startsWith('/api/confd/') ? [404, ''] : [200, CONFD_SPEC];
    return [401, '{"reason":["Unauthorized"]}'];
  });
}

function runOn(
  endpoints: HttpEndpoints,
  facts: HostFacts,
  meter?: HttpMeter,
): ApiRun & { http: HttpOutcomes } {
  const metered = meter
    ? {
        https: async () => meter.wrap(await endpoints.https()),
        tunnel: async (p: number) => meter.wrap(await endpoints.tunnel(p)),
      }
    : endpoints;
  const http = new HttpOutcomes(metered);
  return { config: CONFIG, facts: () => Promise.resolve(facts), apiHttp: () => http, http };
}

async function everyCheck(run: ApiRun): Promise<string[]> {
  const messages: string[] = [];
  for (const s of catalog.services) {
    messages.push((await apiSpecificationResult(run, s)).message, (await restApiResult(run, s)).message);
  }
  for (const { target, route } of runRoutes(catalog.services))
    messages.push((await webServerRouteResult(run, target, route)).message);
  return messages;
}

void test('the run asks up front for all NSC-18/19 read, each request once; the checks then ask nothing', async () => {
  const host = wazoHost();
  const meter = new HttpMeter();
  const run = runOn(host, healthyFacts(catalog.services), meter);
  await gatherApis(run, run.http, catalog.services);
  const gathered = [...host.asked];
  assert.equal(new Set(gathered).size, gathered.length, 'no request twice');
  const messages = await everyCheck(run);
  assert.deepEqual(host.asked, gathered, 'the checks read what was gathered');
  const lazy = wazoHost();
  await everyCheck(runOn(lazy, healthyFacts(catalog.services)));
  assert.deepEqual(
    [...gathered].sort(),
    [...lazy.asked].sort(),
    'the gather asks what the checks read, no more',
  );
  const web = gathered.filter((ask) => ask.startsWith('web ')).length;
  // 4 at a time through nginx, where most requests go; the route walk waits for its spec: one round more.
  assert.equal(meter.traffic.rounds <= Math.ceil(web / 4) + 1, true, `rounds: ${meter.traffic.rounds}`);
  assert.equal(meter.traffic.peakInFlight, 8);
  assert.equal(
    messages.find((m) => m.includes('wazo-confd on wazo-1: NSC-19')),
    'wazo-confd on wazo-1: NSC-19 3 GET routes of its spec answer through the web server (3x 401)',
  );
});

void test('the checks give the same results with or without the gather (a --parallel worker has none)', async () => {
  const gathered = runOn(wazoHost(), healthyFacts(catalog.services));
  await gatherApis(gathered, gathered.http, catalog.services);
  const host = wazoHost();
  const lazy = runOn(host, healthyFacts(catalog.services));
  const messages = await everyCheck(lazy);
  assert.deepEqual(messages, await everyCheck(gathered));
  assert.equal(messages.length, 2 * catalog.services.length + runRoutes(catalog.services).length);
  assert.equal(new Set(host.asked).size, host.asked.length, 'no request twice');
});

void test('an idle one-shot daemon (wazo-setupd after setup) is not asked for', async () => {
  const setupd = service('wazo-setupd');
  const facts = healthyFacts([setupd]);
  const running = runOn(wazoHost(), facts);
  await gatherApis(running, running.http, [setupd]);
  facts.units.set(setupd.unit, { ...facts.units.get(setupd.unit), ActiveState: 'inactive', MainPID: '0' });
  const host = wazoHost();
  const idle = runOn(host, facts);
  await gatherApis(idle, idle.http, [setupd]);
  assert.deepEqual(host.asked, ['web GET /api/asterisk/ws']);
  assert.match(
    (await apiSpecificationResult(idle, setupd)).message,
    /^not applicable: wazo-setupd stops itself/,
  );
  assert.deepEqual(host.asked, ['web GET /api/asterisk/ws']);
});

void test('a failed spec fetch is judged from its one outcome by every scenario that reads it', async () => {
  const host = fakeEndpoints((where, path) =>
    where === 'web' && path.endsWith('/api/api.yml') ? undefined : [200, CONFD_SPEC],
  );
  const run = runOn(host, healthyFacts([service('wazo-confd')]));
  const confd = service('wazo-confd');
  await gatherApis(run, run.http, [confd]);
  const first = await apiSpecificationResult(run, confd);
  const again = await apiSpecificationResult(run, confd);
  const rest = await restApiResult(run, confd);
  assert.equal(first.status, 'failed');
  assert.equal(
    first.message,
    'wazo-confd on wazo-1: NSC-18 spec at /api/confd/1.1/api/api.yml: GET https://wazo-1:443/api/confd/1.1/api/api.yml: nothing answers',
  );
  assert.deepEqual(again, first);
  // NSC-19 reads the same failed spec fetch (in its evidence) and falls back to the prefix, as without the gather.
  assert.equal(
    rest.message,
    'wazo-confd on wazo-1: NSC-19 its prefix answers through the web server (1x 200)',
  );
  assert.match(
    rest.evidence?.[0] ?? '',
    /^GET \/api\/confd\/1\.1\/api\/api\.yml -> ENDPOINT_UNREACHABLE: GET https:\/\/wazo-1:443\/api\/confd\/1\.1\/api\/api\.yml: nothing answers \(\d+ ms\)$/,
  );
  assert.equal(host.asked.filter((ask) => ask === 'web GET /api/confd/1.1/api/api.yml').length, 1);
});

void test("features/http.feature lists the host's routes HOST_ROUTES holds, so the run fetches what it checks", () => {
  const feature = readFileSync(new URL('../../features/http.feature', import.meta.url), 'utf8');
  const rows = [...feature.matchAll(/^\s*\|\s*(\S+)\s*\|\s*([A-Z]+ \/\S*)\s*\|\s*$/gm)].map(
    ([, target, route]) => ({
      target,
      route,
    }),
  );
  assert.deepEqual(rows, HOST_ROUTES);
});
