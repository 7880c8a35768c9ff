// What one cucumber worker shares across its scenarios: config, catalog, one SSH connection, cached facts.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { gatherPlan, loadCatalog } from './catalog/load.ts';
import type { Catalog } from './catalog/load.ts';
import { loadWaivers } from './checks/waivers.ts';
import { gatherApis } from './checks/nsc-18-19-api.ts';
import { selectServices } from './catalog/lookup.ts';
import type { Waiver } from './checks/waivers.ts';
import type { RunnerConfig } from './config/types.ts';
import { checkPassedConfig, resolveConfig } from './config/resolve.ts';
import { readSecrets } from './config/secrets.ts';
import { createConsulClient } from './consul/client.ts';
import type { ConsulClient } from './consul/client.ts';
import { gatherFacts } from './facts/gather.ts';
import type { HostFacts } from './facts/types.ts';
import { untilMonitAnswers } from './lifecycle/wait.ts';
import { createHttpsClient, createTunnelClient } from './http/client.ts';
import type { HttpClient } from './http/client.ts';
import { HttpMeter } from './http/meter.ts';
import { HttpOutcomes } from './http/outcomes.ts';
import type { HttpFetcher } from './http/probe.ts';
import { openRemoteHost } from './ssh/connect.ts';
import { takeConnection } from './ssh/handoff.ts';
import type { RemoteHost, TransportStats } from './ssh/transport.ts';

/** What the CLI passes to workers in cucumber's worldParameters; never a secret. */
export interface WorldParameters {
  /** prefetchHttp: the CLI knows the run has HTTP scenarios; their requests start with the fact snapshot. */
  /**
   * runKey: which run of this process the scenario belongs to - a fleet run checks several hosts in one process, each
   * with its own context (connection, snapshot, HTTP); absent for a single-host run.
   */
  wla?: { config?: RunnerConfig; prefetchHttp?: boolean; runKey?: string };
}

export interface RunContext {
  readonly config: RunnerConfig;
  readonly catalog: Catalog;
  readonly waivers: Waiver[];
  remote(): Promise<RemoteHost>;
  /** A new connection with the run's settings and secrets (after a reboot); the caller adopts or closes it. */
  connect(): Promise<RemoteHost>;
  facts(): Promise<HostFacts>;
  refreshFacts(): Promise<HostFacts>;
  https(): Promise<HttpClient>;
  tunnel(port: number): Promise<HttpClient>;
  /**
   * NSC-18/19's HTTP outcomes, each request made once per run. The first call (the run's first HTTP scenario) asks at
   * once for all the selected daemons need - except in a --parallel worker: workers share nothing, so each would ask
   * for everything; there each check asks for its own.
   */
  apiHttp(): HttpFetcher;
  consul(): Promise<ConsulClient>;
  /**
   * After the run rebooted the host: the new connection replaces the dead one for every later scenario of this
   * worker; clients bound to the old one are closed and the cached facts (the host before the reboot) dropped.
   */
  adoptRemote(remote: RemoteHost): Promise<void>;
  /**
   * Two looks at the host at least windowMs apart, the cached facts being the first (the scenarios before did not
   * wait for nothing): what it takes to see a restart loop. Memoized for the run.
   */
  watched(windowMs: number): Promise<Watched>;
  /** The same with a fresh first look (right after the run changed the host); not memoized. */
  watchAfresh(windowMs: number): Promise<Watched>;
}

export interface Watched {
  earlier: HostFacts;
  facts: HostFacts;
  /** Seconds between the two snapshots. */
  windowS: number;
}

/** The I/O a context performs, replaceable in tests. */
export interface RunDependencies {
  openRemoteHost: typeof openRemoteHost;
  gatherFacts: typeof gatherFacts;
  loadCatalog: typeof loadCatalog;
  gatherPlan: typeof gatherPlan;
  loadWaivers: (file: string) => Waiver[];
  createHttpsClient: typeof createHttpsClient;
  createTunnelClient: typeof createTunnelClient;
  createConsulClient: typeof createConsulClient;
  sleep: (ms: number) => Promise<void>;
  env: NodeJS.ProcessEnv;
}

export const REAL_DEPENDENCIES: RunDependencies = {
  openRemoteHost,
  gatherFacts,
  loadCatalog,
  gatherPlan,
  loadWaivers,
  createHttpsClient,
  createTunnelClient,
  createConsulClient,
  sleep: (ms) => sleep(ms),
  env: process.env,
};

const CLOSE_TIMEOUT_MS = 5_000;

export class WorkerRunContext implements RunContext {
  readonly config: RunnerConfig;
  readonly #deps: RunDependencies;
  #catalog?: Catalog;
  #waivers?: Waiver[];
  #remote?: Promise<RemoteHost>;
  #facts?: Promise<HostFacts>;
  #https?: Promise<HttpClient>;
  readonly #tunnels = new Map<number, Promise<HttpClient>>();
  #apiHttp?: HttpOutcomes;
  #consul?: Promise<ConsulClient>;
  #watched?: Promise<Watched>;
  /** What connections replaced by adoptRemote cost, so the stats cover the whole run. */
  readonly #retired: TransportStats[] = [];
  /** Every request through https() and tunnel(), for the stats: how many were in flight at once, in how many rounds. */
  readonly #meter = new HttpMeter();

  readonly #prefetchHttp: boolean;
  /** The key the CLI offered its preflight connection under (support/ssh/handoff.ts). */
  readonly #runKey: string;

  constructor(
    config: RunnerConfig,
    deps: RunDependencies = REAL_DEPENDENCIES,
    prefetchHttp = false,
    runKey: string = config.host,
  ) {
    this.config = config;
    this.#deps = deps;
    this.#prefetchHttp = prefetchHttp;
    this.#runKey = runKey;
  }

  get catalog(): Catalog {
    return (this.#catalog ??= this.#deps.loadCatalog(this.config.catalogFile));
  }

  get waivers(): Waiver[] {
    return (this.#waivers ??= this.config.waiversFile ? this.#deps.loadWaivers(this.config.waiversFile) : []);
  }

  /** One connection per worker; a failed connection is remembered so later scenarios fail fast. */
  remote(): Promise<RemoteHost> {
    const handed = this.#remote === undefined ? takeConnection(this.#runKey) : undefined;
    return (this.#remote ??= handed ? Promise.resolve(handed) : this.connect());
  }

  connect(): Promise<RemoteHost> {
    const { host, ssh } = this.config;
    return this.#deps.openRemoteHost(host, ssh, readSecrets(this.config, this.#deps.env));
  }

  /** The run's first look; right after a boot it waits (bounded) for a silent monit to answer (untilMonitAnswers). */
  facts(): Promise<HostFacts> {
    if (this.#facts) return this.#facts;
    this.#facts = this.#gather(true);
    // A far host pays round trips, not bytes: the HTTP requests go out while the snapshot runs, not after it.
    if (this.#prefetchHttp) this.apiHttp();
    return this.#facts;
  }

  refreshFacts(): Promise<HostFacts> {
    this.#facts = this.#gather();
    return this.#facts;
  }

  https(): Promise<HttpClient> {
    this.#https ??= forgetOnFailure(
      this.#deps
        .createHttpsClient(this.config, () => this.remote())
        .then((client) => this.#meter.wrap(client)),
      () => {
        this.#https = undefined;
      },
    );
    return this.#https;
  }

  tunnel(port: number): Promise<HttpClient> {
    const cached = this.#tunnels.get(port);
    if (cached) return cached;
    const created = forgetOnFailure(
      this.remote().then((remote) =>
        this.#meter.wrap(this.#deps.createTunnelClient(remote, port, this.config.https.timeoutMs)),
      ),
      () => this.#tunnels.delete(port),
    );
    this.#tunnels.set(port, created);
    return created;
  }

  apiHttp(): HttpFetcher {
    if (this.#apiHttp) return this.#apiHttp;
    const outcomes = (this.#apiHttp = new HttpOutcomes(this));
    if (this.#deps.env['CUCUMBER_PARALLEL'] !== 'true') {
      const services = selectServices(this.catalog, this.config.services);
      void gatherApis(this, outcomes, services).catch(() => undefined);
    }
    return outcomes;
  }

  consul(): Promise<ConsulClient> {
    this.#consul ??= forgetOnFailure(
      this.remote().then((remote) => this.#deps.createConsulClient(this.config, remote)),
      () => {
        this.#consul = undefined;
      },
    );
    return this.#consul;
  }

  async adoptRemote(remote: RemoteHost): Promise<void> {
    const old = this.#remote;
    await this.#closeClients();
    this.#facts = this.#watched = undefined;
    this.#remote = Promise.resolve(remote);
    const host = await old?.catch(() => undefined);
    if (host === undefined || host === remote) return;
    this.#retired.push({ ...host.stats });
    await withDeadline(host.close());
  }

  watched(windowMs: number): Promise<Watched> {
    this.#watched ??= forgetOnFailure(this.#watch(this.facts(), windowMs), () => {
      this.#watched = undefined;
    });
    return this.#watched;
  }

  watchAfresh(windowMs: number): Promise<Watched> {
    return this.#watch(this.refreshFacts(), windowMs);
  }

  async #watch(first: Promise<HostFacts>, windowMs: number): Promise<Watched> {
    const earlier = await first;
    const since = Date.now() - Date.parse(earlier.gatheredAt);
    if (since < windowMs) await this.#deps.sleep(windowMs - since);
    const facts = await this.refreshFacts();
    const windowS = Math.round((Date.parse(facts.gatheredAt) - Date.parse(earlier.gatheredAt)) / 1000);
    return { earlier, facts, windowS };
  }

  /** Closes clients, then the connection; never hangs, never throws (it runs in AfterAll). */
  async close(): Promise<void> {
    await this.#dumpStats().catch(() => undefined);
    await this.#closeClients();
    const remote = this.#remote;
    this.#remote = this.#facts = undefined;
    if (remote) await remote.then((host) => withDeadline(host.close())).catch(() => undefined);
  }

  async #closeClients(): Promise<void> {
    const clients = [this.#https, this.#consul, ...this.#tunnels.values()].filter((p) => p !== undefined);
    this.#https = this.#consul = this.#apiHttp = undefined;
    this.#tunnels.clear();
    await Promise.allSettled(clients.map((p) => p.then((client) => withDeadline(client.close()))));
  }

  /** WLA_STATS_FILE=path: one JSON line per worker with what the run cost (for npm run bench). */
  async #dumpStats(): Promise<void> {
    const file = this.#deps.env['WLA_STATS_FILE'];
    if (file === undefined || file === '' || this.#remote === undefined) return;
    const remote = await this.#remote;
    const http = await Promise.allSettled([this.#https, ...this.#tunnels.values()]);
    const httpRequests = http.reduce(
      (sum, settled) => sum + (settled.status === 'fulfilled' ? (settled.value?.requestCount ?? 0) : 0),
      0,
    );
    const stats = sumStats([...this.#retired, remote.stats]);
    const { peakInFlight: httpPeakInFlight, rounds: httpRounds } = this.#meter.traffic;
    const line = { pid: process.pid, ...stats, httpRequests, httpPeakInFlight, httpRounds };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }

  #gather(patientWithMonit = false): Promise<HostFacts> {
    const look = () =>
      this.remote().then((remote) =>
        this.#deps.gatherFacts(remote, this.#deps.gatherPlan(this.catalog, this.config.services)),
      );
    const attempt = patientWithMonit
      ? look().then((first) => untilMonitAnswers(first, look, { sleep: this.#deps.sleep }))
      : look();
    return forgetOnFailure(attempt, () => {
      if (this.#facts === attempt) this.#facts = undefined;
    });
  }
}

function sumStats(all: readonly TransportStats[]): TransportStats {
  const sum = { connections: 0, channels: 0, bytesIn: 0, bytesOut: 0 };
  for (const stats of all) {
    sum.connections += stats.connections;
    sum.channels += stats.channels;
    sum.bytesIn += stats.bytesIn;
    sum.bytesOut += stats.bytesOut;
  }
  return sum;
}

/** Runs forget() when the promise rejects, so a rejection is never served from a cache. */
function forgetOnFailure<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget);
  return promise;
}

function withDeadline(promise: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([promise.catch(() => undefined), deadline]).finally(() => clearTimeout(timer));
}

/** One context per run of this process: a single-host run has one, a fleet run one per host. */
const contexts = new Map<string, WorkerRunContext>();

function runKeyOf(parameters: WorldParameters): string {
  return parameters.wla?.runKey ?? '';
}

/** Memoized per run: the CLI's configuration from worldParameters, else the same env/YAML sources. */
export function getRunContext(parameters: WorldParameters): RunContext {
  const key = runKeyOf(parameters);
  let context = contexts.get(key);
  if (!context) {
    const passed = parameters.wla?.config;
    const config = passed
      ? checkPassedConfig(passed)
      : resolveConfig({ env: process.env, cwd: process.cwd() }).config;
    const prefetch = parameters.wla?.prefetchHttp === true;
    context = new WorkerRunContext(config, REAL_DEPENDENCIES, prefetch, key === '' ? config.host : key);
    contexts.set(key, context);
  }
  return context;
}

/** Closes the run's context, if one was made (AfterAll: parameters are the run's worldParameters). */
export async function closeRunContext(parameters: WorldParameters = {}): Promise<void> {
  const key = runKeyOf(parameters);
  const context = contexts.get(key);
  contexts.delete(key);
  await context?.close();
}
