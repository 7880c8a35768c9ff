// The worker's run context: one connection, cached facts that never cache a failure, clients closed once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunnerConfig } from './config/types.ts';
import { resolveConfig } from './config/resolve.ts';
import { HostUnreachable, TimedOut } from './errors.ts';
import type { GatherPlan, HostFacts } from './facts/types.ts';
import type { HttpClient } from './http/client.ts';
import type { RunDependencies } from './run-context.ts';
import { REAL_DEPENDENCIES, WorkerRunContext } from './run-context.ts';
import type { RemoteHost } from './ssh/transport.ts';
import { service } from './checks/testing/catalog.ts';

const CONFIG: RunnerConfig = resolveConfig({
  env: { WAZO_HOST: 'wazo-1' },
  cwd: '/',
  home: '/nonexistent-home',
}).config;
const PLAN: GatherPlan = { users: [], groups: [], paths: [], writeChecks: [], units: [], packages: [] };

interface Fake {
  deps: RunDependencies;
  calls: Record<string, number>;
  gatherResults: (HostFacts | Error)[];
}

function fake(): Fake {
  const calls: Record<string, number> = {
    open: 0,
    gather: 0,
    close: 0,
    tunnel: 0,
    clientClose: 0,
    catalog: 0,
  };
  const state: Fake = { calls, gatherResults: [], deps: REAL_DEPENDENCIES };
  const remote = { label: 'root@wazo-1:22', close: async () => void calls.close!++ } as unknown as RemoteHost;
  const client = { close: async () => void calls.clientClose!++ } as unknown as HttpClient;
  state.deps = {
    ...REAL_DEPENDENCIES,
    env: { WAZO_SSH_PASSPHRASE: 'pp' },
    openRemoteHost: async (_host, _ssh, secrets) => {
      calls.open!++;
      assert.deepEqual(secrets, { passphrase: 'pp' });
      return remote;
    },
    loadCatalog: () => {
      calls.catalog!++;
      return { file: 'c.yml', services: [] };
    },
    gatherPlan: () => PLAN,
    gatherFacts: async () => {
      calls.gather!++;
      const next = state.gatherResults.shift();
      if (next instanceof Error) throw next;
      return next ?? ({ gatheredAt: `t${calls.gather}` } as HostFacts);
    },
    createTunnelClient: () => {
      calls.tunnel!++;
      return client;
    },
  };
  return state;
}

void test('facts are gathered once and shared; refreshFacts gathers again', async () => {
  const f = fake();
  const context = new WorkerRunContext(CONFIG, f.deps);
  const [a, b] = await Promise.all([context.facts(), context.facts()]);
  assert.equal(a, b);
  assert.equal(f.calls.gather, 1);
  assert.equal((await context.refreshFacts()).gatheredAt, 't2');
  assert.equal((await context.facts()).gatheredAt, 't2');
  assert.equal(f.calls.open, 1);
});

void test('a failed gather is not cached: the next call tries again', async () => {
  const f = fake();
  f.gatherResults.push(new TimedOut('snapshot took longer than 60000ms'));
  const context = new WorkerRunContext(CONFIG, f.deps);
  await assert.rejects(context.facts(), { message: 'snapshot took longer than 60000ms' });
  assert.equal((await context.facts()).gatheredAt, 't2');
  assert.equal(f.calls.gather, 2);
});

void test('a failed connection is remembered, so later scenarios fail fast', async () => {
  const f = fake();
  f.deps.openRemoteHost = async () => {
    f.calls.open!++;
    throw new HostUnreachable('wazo-1:22: connection refused');
  };
  const context = new WorkerRunContext(CONFIG, f.deps);
  await assert.rejects(context.facts(), { message: 'wazo-1:22: connection refused' });
  await assert.rejects(context.remote(), { message: 'wazo-1:22: connection refused' });
  assert.equal(f.calls.open, 1);
});

void test('tunnels are cached per port and everything is closed once', async () => {
  const f = fake();
  const context = new WorkerRunContext(CONFIG, f.deps);
  const a = await context.tunnel(9486);
  assert.equal(await context.tunnel(9486), a);
  await context.tunnel(9497);
  assert.equal(f.calls.tunnel, 2);
  await context.close();
  assert.equal(f.calls.clientClose, 2);
  assert.equal(f.calls.close, 1);
  await context.close();
  assert.equal(f.calls.close, 1);
});

void test('the catalog is loaded lazily, once; no waivers file means no waivers', () => {
  const f = fake();
  const context = new WorkerRunContext(CONFIG, f.deps);
  assert.equal(f.calls.catalog, 0);
  assert.equal(context.catalog, context.catalog);
  assert.equal(f.calls.catalog, 1);
  assert.deepEqual(context.waivers, []);
});

void test('after a reboot the adopted connection serves every later call; old clients and facts are dropped', async () => {
  const f = fake();
  const context = new WorkerRunContext(CONFIG, f.deps);
  const before = await context.facts();
  await context.tunnel(9486);
  const fresh = {
    label: 'root@wazo-1:22',
    stats: { connections: 1, channels: 2, bytesIn: 3, bytesOut: 4 },
    close: async () => void f.calls.close!++,
  } as unknown as RemoteHost;
  await context.adoptRemote(fresh);
  assert.equal(f.calls.clientClose, 1, 'the tunnel over the old connection is closed');
  assert.equal(f.calls.close, 1, 'the old connection is closed');
  assert.equal(await context.remote(), fresh);
  assert.notEqual(await context.facts(), before, 'the facts from before the reboot are not served');
  assert.equal(f.calls.gather, 2);
  await context.tunnel(9486);
  assert.equal(f.calls.tunnel, 2, 'a new tunnel over the new connection');
  assert.equal(f.calls.open, 1, 'adopting opens nothing itself');
  await context.close();
  assert.equal(f.calls.close, 2, 'close() closes the adopted connection');
});

void test('watched: the cached facts are the first look, the second comes a window later, memoized', async () => {
  const f = fake();
  const slept: number[] = [];
  f.deps.sleep = async (ms) => void slept.push(ms);
  const t0 = Date.now();
  f.gatherResults.push(
    { gatheredAt: new Date(t0).toISOString() } as HostFacts,
    { gatheredAt: new Date(t0 + 15_000).toISOString() } as HostFacts,
  );
  const context = new WorkerRunContext(CONFIG, f.deps);
  const first = await context.facts();
  const [a, b] = await Promise.all([context.watched(15_000), context.watched(15_000)]);
  assert.equal(a, b);
  assert.equal(a.earlier, first);
  assert.equal(a.windowS, 15);
  assert.equal(await context.facts(), a.facts, 'later scenarios see the second look');
  assert.equal(f.calls.gather, 2);
  assert.equal(slept.length, 1);
  assert.ok(slept[0]! > 14_000 && slept[0]! <= 15_000, `waits only what is left of the window: ${slept[0]}`);
});

void test('watchAfresh: after a change both looks are new snapshots, a window apart, and it is not memoized', async () => {
  const f = fake();
  const slept: number[] = [];
  f.deps.sleep = async (ms) => void slept.push(ms);
  const t0 = Date.now();
  const at = (ms: number) => ({ gatheredAt: new Date(t0 + ms).toISOString() }) as HostFacts;
  f.gatherResults.push(at(0), at(1_000), at(16_000), at(20_000), at(35_000));
  const context = new WorkerRunContext(CONFIG, f.deps);
  const before = await context.facts();
  const watched = await context.watchAfresh(15_000);
  assert.notEqual(watched.earlier, before, 'the first look is taken after the change');
  assert.equal(watched.windowS, 15);
  assert.equal(await context.facts(), watched.facts);
  assert.equal((await context.watchAfresh(15_000)).windowS, 15);
  assert.equal(f.calls.gather, 5);
});

void test('the first look right after a boot waits for a silent monit (bounded); later refreshes do not', async () => {
  const f = fake();
  const slept: number[] = [];
  f.deps.sleep = async (ms) => void slept.push(ms);
  const refused = 'Cannot create socket to [localhost]:2812 -- Connection refused';
  const at = (hostTime: number, answering: boolean) =>
    ({
      gatheredAt: `h${hostTime}`,
      pid1StartedAt: 1_000,
      hostTime,
      errors: [],
      monit: answering ? { running: true, processes: [] } : { running: true, processes: [], error: refused },
    }) as unknown as HostFacts;
  f.gatherResults.push(at(1_010, false), at(1_016, true), at(1_030, false));
  const context = new WorkerRunContext(CONFIG, f.deps);
  assert.equal((await context.facts()).gatheredAt, 'h1016');
  assert.deepEqual(slept, [5_000]);
  assert.equal((await context.refreshFacts()).gatheredAt, 'h1030');
  assert.equal(f.calls.gather, 3);
});

/** A context over the shipped wazo-confd entry whose clients record what they are asked and answer 401. */
function apiContext(
  env: NodeJS.ProcessEnv,
  prefetchHttp = false,
): { context: WorkerRunContext; asked: string[] } {
  const asked: string[] = [];
  const f = fake();
  const client = (where: string): HttpClient => ({
    requestCount: 0,
    request: async (path) => {
      asked.push(`${where} ${path}`);
      return { url: path, status: 401, headers: {}, body: '{}' };
    },
    close: async () => undefined,
  });
  const deps: RunDependencies = {
    ...f.deps,
    env,
    loadCatalog: () => ({ file: 'c.yml', services: [service('wazo-confd')] }),
    createHttpsClient: async () => client('web'),
    createTunnelClient: (_remote, port) => client(String(port)),
  };
  return { context: new WorkerRunContext(CONFIG, deps, prefetchHttp), asked };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

void test("the first apiHttp() asks for all the run's NSC-18/19 requests; the same outcomes serve every call", async () => {
  const { context, asked } = apiContext({ WAZO_SSH_PASSPHRASE: 'pp' });
  const http = context.apiHttp();
  assert.equal(context.apiHttp(), http);
  await settled();
  assert.deepEqual(asked.sort(), [
    '9486 /1.1/api/api.yml',
    'web /api/asterisk/ws',
    'web /api/confd/',
    'web /api/confd/1.1/api/api.yml',
    'web /api/confd/1.1/infos',
  ]);
  await http.web('/api/confd/1.1/infos');
  assert.equal(asked.length, 5);
  await context.close();
});

void test('with prefetchHttp the first look at the facts also starts the HTTP requests; without, it does not', async () => {
  const eager = apiContext({ WAZO_SSH_PASSPHRASE: 'pp' }, true);
  await eager.context.facts();
  await settled();
  assert.equal(eager.asked.length, 5, eager.asked.join(', '));
  await eager.context.close();
  const lazy = apiContext({ WAZO_SSH_PASSPHRASE: 'pp' });
  await lazy.context.facts();
  await settled();
  assert.deepEqual(lazy.asked, []);
  await lazy.context.close();
});

void test('a --parallel worker asks only for what its checks read; a reboot drops the outcomes', async () => {
  const { context, asked } = apiContext({ WAZO_SSH_PASSPHRASE: 'pp', CUCUMBER_PARALLEL: 'true' });
  const http = context.apiHttp();
  await settled();
  assert.deepEqual(asked, []);
  await http.web('/api/confd/1.1/infos');
  assert.deepEqual(asked, ['web /api/confd/1.1/infos']);
  await context.adoptRemote({
    label: 'root@wazo-1:22',
    close: async () => undefined,
  } as unknown as RemoteHost);
  assert.notEqual(context.apiHttp(), http);
  await context.apiHttp().web('/api/confd/1.1/infos');
  assert.deepEqual(asked, ['web /api/confd/1.1/infos', 'web /api/confd/1.1/infos']);
  await context.close();
});
