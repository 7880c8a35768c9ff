// A fleet run: many hosts from an inventory (or --host repeated) in one process, a bounded number at once, each
// with its own connection, snapshot and HTTP; per-host reports under hosts/<name>/, then the fleet's reports.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Catalog } from '../catalog/load.ts';
import type { FleetHostPlan } from '../config/inventory.ts';
import { limitHosts, resolveInventory } from '../config/inventory.ts';
import type { ConfigLayer } from '../config/layer.ts';
import { readSecrets, redactSecrets } from '../config/secrets.ts';
import type { Shard } from '../config/shard.ts';
import { parseShard, shardOf } from '../config/shard.ts';
import { ConfigError, EXIT_NOT_CHECKED, EXIT_PASSED, WlaError } from '../errors.ts';
import { writeFleetReports } from '../report/fleet.ts';
import type { FleetHostRecord, FleetRecord } from '../report/fleet-record.ts';
import { FLEET_FILE, HOSTS_DIR, fleetExitCode } from '../report/fleet-record.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import type { RunOptions } from './args.ts';
import { causeChain } from './cause.ts';
import { FleetProgress } from './fleet-progress.ts';
import type { CliIo } from './main.ts';
import { DEFAULT_HOSTS_PARALLEL } from './options.ts';
import type { Profile } from './options.ts';
import type { OpenRemoteHost } from './preflight.ts';
import { preflight } from './preflight.ts';
import { runMetaOf, terminalOf, writeRunReports } from './reports.ts';
import type { CucumberRunInput } from './run-features.ts';
import { loadSharedSupport, runCucumberFor } from './run-features.ts';
import { ResultCollector, exitCodeFor, summaryLine, tally } from './run-outcome.ts';
import { checkServiceNames, serviceList } from './services.ts';
import { plannedChecks } from './dry-run.ts';
import { printableConfig } from './print-config.ts';

/** After Ctrl-C, how long the hosts already running get to wind down once their connections are closed. */
const INTERRUPT_GRACE_MS = 10_000;
/** The exit code of a run ended by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export interface FleetDependencies {
  openRemoteHost: OpenRemoteHost;
  loadCatalog: (file: string) => Promise<Catalog>;
  loadWaivers: (file: string) => Promise<unknown>;
  /** Aborted on Ctrl-C: no host starts after it, running ones are cut short and reported interrupted. */
  signal?: AbortSignal;
}

/** The hosts this invocation checks: the inventory (or --host list), then --limit, then --shard. */
export function selectHosts(
  run: RunOptions,
  flags: ConfigLayer,
  io: CliIo,
): { hosts: FleetHostPlan[]; all: number; inventoryFile?: string; shard?: Shard } {
  if (run.formats.length > 0) {
    throw new ConfigError(
      "--format: a fleet run writes each host's messages to <report dir>/hosts/<name>/run.ndjson instead; give --report-dir",
    );
  }
  const { hosts: planned, inventoryFile } = resolveInventory({
    flags,
    ...(run.configFlag === undefined ? {} : { configFlag: run.configFlag }),
    env: io.env,
    cwd: io.cwd,
    ...(io.home === undefined ? {} : { home: io.home }),
    ...(run.inventoryFile === undefined ? {} : { inventoryFile: run.inventoryFile }),
    ...(run.hosts === undefined ? {} : { hosts: run.hosts }),
  });
  const limited = run.limit === undefined ? planned : limitHosts(planned, run.limit);
  const shard = run.shard === undefined ? undefined : parseShard(run.shard, io.env);
  const hosts = shard ? shardOf(limited, (host) => host.pair ?? host.name, shard) : limited;
  return {
    hosts,
    all: limited.length,
    ...(inventoryFile === undefined ? {} : { inventoryFile }),
    ...(shard ? { shard } : {}),
  };
}

/** The profile a host is checked with: a slave's is ha-slave; else --profile, else the inventory's, else daily. */
export function profileFor(host: FleetHostPlan, run: RunOptions): Profile {
  if (host.role === 'slave') return (host.profile as Profile | undefined) ?? 'ha-slave';
  if (run.profileGiven) return run.profile;
  return (host.profile as Profile | undefined) ?? run.profile;
}

export async function fleetCommand(
  run: RunOptions,
  flags: ConfigLayer,
  io: CliIo,
  deps: FleetDependencies,
): Promise<number> {
  const selection = selectHosts(run, flags, io);
  const catalogs = await checkInputs(selection.hosts, deps);
  if (run.printConfig || run.listServices || run.dryRun) return planOnly(selection, run, io, catalogs);
  if (selection.hosts.length === 0) {
    const shard = selection.shard ? ` in shard ${selection.shard.index}/${selection.shard.count}` : '';
    io.stderr.write(`wazo-live-acceptance: no host to check${shard} (of ${selection.all} selected)\n`);
  }
  const fleet = new FleetRun(selection, run, io, deps, catalogs);
  return fleet.execute();
}

/** Catalogs and waivers of every host, each file read once: a bad one stops the run before any host starts. */
async function checkInputs(
  hosts: readonly FleetHostPlan[],
  deps: FleetDependencies,
): Promise<Map<string, Catalog>> {
  const catalogs = new Map<string, Catalog>();
  const waivers = new Set<string>();
  for (const host of hosts) {
    const { catalogFile, waiversFile, services } = host.config;
    let catalog = catalogs.get(catalogFile);
    if (!catalog) catalogs.set(catalogFile, (catalog = await deps.loadCatalog(catalogFile)));
    checkServiceNames(services, catalog, catalogFile);
    if (waiversFile !== undefined && !waivers.has(waiversFile)) {
      await deps.loadWaivers(waiversFile);
      waivers.add(waiversFile);
    }
  }
  return catalogs;
}

/**
 * The fleet without contacting it: --print-config shows each host's resolved settings, --list-services each catalog's
 * daemons, --dry-run each host with what it would be checked with and how many checks its profile plans.
 */
async function planOnly(
  selection: ReturnType<typeof selectHosts>,
  run: RunOptions,
  io: CliIo,
  catalogs: Map<string, Catalog>,
): Promise<number> {
  if (run.printConfig) {
    const views = selection.hosts.map(
      (host) => `# host ${host.name}\n${printableConfig(host.config, readSecrets(host.config, io.env))}`,
    );
    io.stdout.write(views.join('---\n'));
    return EXIT_PASSED;
  }
  if (run.listServices) {
    const lists = [...catalogs].map(([file, catalog]) => `# ${file}\n${serviceList(catalog)}`);
    io.stdout.write(lists.join(''));
    return EXIT_PASSED;
  }
  const counts = new Map<string, Promise<number>>();
  const lines: string[] = [];
  for (const host of selection.hosts) {
    const profile = profileFor(host, run);
    const key = JSON.stringify([host.config.catalogFile, profile, host.config.services, run.tags]);
    if (!counts.has(key)) counts.set(key, plannedCount(host, profile, run, io, catalogs));
    const planned = await (counts.get(key) as Promise<number>);
    const pair = host.pair === undefined ? '' : ` of pair ${host.pair}`;
    const labels = Object.entries(host.labels).map(([name, value]) => `${name}=${value}`);
    const extra = [...host.groups.map((group) => `@${group}`), ...labels].join(' ');
    const target = `${host.config.ssh.user}@${host.config.host}:${host.config.ssh.port}`;
    lines.push(
      `${host.name}  ${target}  ${host.role}${pair}  profile ${profile}, ${planned} checks${extra ? `  ${extra}` : ''}\n`,
    );
  }
  const shard = selection.shard ? `, shard ${selection.shard.index}/${selection.shard.count}` : '';
  io.stdout.write(
    `dry run: ${selection.hosts.length} of ${selection.all} hosts${shard}; nothing contacted\n${lines.join('')}`,
  );
  return EXIT_PASSED;
}

/** How many checks cucumber plans for a host (a dry run: no step runs, no host is contacted). */
async function plannedCount(
  host: FleetHostPlan,
  profile: Profile,
  run: RunOptions,
  io: CliIo,
  catalogs: Map<string, Catalog>,
): Promise<number> {
  const catalog = catalogs.get(host.config.catalogFile) as Catalog;
  const collector = new ResultCollector();
  await runCucumberFor(
    {
      config: host.config,
      run: { profile, dryRun: true, ...(run.tags === undefined ? {} : { tags: run.tags }) },
      serviceNames: catalog.services.map((service) => service.name),
      formats: [],
      stdout: new PassThrough().resume(),
      stderr: io.stderr,
      env: io.env,
    },
    collector,
  );
  return plannedChecks(collector.envelopes(), catalog).length;
}

interface HostTask {
  plan: FleetHostPlan;
  profile: Profile;
  started?: number;
  remote?: RemoteHost;
  record?: FleetHostRecord;
}

class FleetRun {
  readonly #selection: ReturnType<typeof selectHosts>;
  readonly #run: RunOptions;
  readonly #io: CliIo;
  readonly #deps: FleetDependencies;
  readonly #catalogs: Map<string, Catalog>;
  readonly #tasks: HostTask[];
  readonly #dir: string;
  readonly #temporaryDir: boolean;
  readonly #progress: FleetProgress;
  #support?: Promise<ISupportCodeLibrary>;
  #interrupted = false;

  constructor(
    selection: ReturnType<typeof selectHosts>,
    run: RunOptions,
    io: CliIo,
    deps: FleetDependencies,
    catalogs: Map<string, Catalog>,
  ) {
    this.#selection = selection;
    this.#run = run;
    this.#io = io;
    this.#deps = deps;
    this.#catalogs = catalogs;
    this.#tasks = selection.hosts.map((plan) => ({ plan, profile: profileFor(plan, run) }));
    this.#temporaryDir = run.reportDir === undefined;
    this.#dir = run.reportDir ?? mkdtempSync(join(tmpdir(), 'wla-fleet-'));
    const stderrTerminal = terminalOf(io.stderr, io.env);
    this.#progress = new FleetProgress({
      stream: io.stderr,
      isTTY: stderrTerminal.isTTY,
      total: this.#tasks.length,
    });
  }

  async execute(): Promise<number> {
    const startedAt = new Date().toISOString();
    const onAbort = (): void => this.#interrupt();
    this.#deps.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      mkdirSync(join(this.#dir, HOSTS_DIR), { recursive: true });
      await this.#runAll(this.#run.hostsParallel ?? DEFAULT_HOSTS_PARALLEL);
    } finally {
      this.#deps.signal?.removeEventListener('abort', onAbort);
      this.#progress.stop();
    }
    const record = this.#record(startedAt);
    writeFileSync(join(this.#dir, FLEET_FILE), `${JSON.stringify(record, null, 2)}\n`, 'utf8');
    const terminal = terminalOf(this.#io.stdout, this.#io.env);
    try {
      const summary = await writeFleetReports(this.#dir, {
        ...(this.#run.compareWith === undefined ? {} : { compareWith: this.#run.compareWith }),
        table: { color: terminal.color, width: terminal.columns },
      });
      this.#io.stdout.write(summary);
    } catch (error) {
      this.#io.stderr.write(
        `wazo-live-acceptance: cannot write the fleet reports to ${this.#dir}: ${causeChain(error)}\n`,
      );
      return EXIT_NOT_CHECKED;
    } finally {
      if (this.#temporaryDir) rmSync(this.#dir, { recursive: true, force: true });
    }
    if (!this.#temporaryDir) this.#io.stderr.write(`wazo-live-acceptance: reports in ${this.#dir}\n`);
    if (this.#interrupted) return EXIT_INTERRUPTED;
    return this.#tasks.length === 0 ? EXIT_PASSED : fleetExitCode(record);
  }

  /** A bounded pool: at most `width` hosts at once, the next starting as soon as one ends. */
  async #runAll(width: number): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!this.#interrupted && next < this.#tasks.length) {
        const task = this.#tasks[next++] as HostTask;
        await this.#check(task);
      }
    };
    const workers = Array.from({ length: Math.min(width, this.#tasks.length) }, () => worker());
    if (!this.#deps.signal) {
      await Promise.all(workers);
      return;
    }
    await Promise.race([Promise.all(workers), this.#afterInterrupt()]);
  }

  /** Resolves INTERRUPT_GRACE_MS after Ctrl-C: the running hosts' own ends are not awaited beyond that. */
  #afterInterrupt(): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.#deps.signal as AbortSignal;
      const wait = (): void => void setTimeout(resolve, INTERRUPT_GRACE_MS).unref();
      if (signal.aborted) wait();
      else signal.addEventListener('abort', wait, { once: true });
    });
  }

  #interrupt(): void {
    if (this.#interrupted) return;
    this.#interrupted = true;
    this.#io.stderr.write(
      '\nwazo-live-acceptance: interrupted: no more hosts start; the running ones are cut short\n',
    );
    // Their scenarios then end at once (not checked) instead of running to the end.
    for (const task of this.#tasks)
      if (task.record === undefined) void task.remote?.close().catch(() => undefined);
  }

  async #check(task: HostTask): Promise<void> {
    const { plan } = task;
    const started = (task.started = Date.now());
    this.#progress.started(plan.name);
    try {
      task.remote = await preflight(
        plan.config,
        this.#io.env,
        this.#deps.openRemoteHost,
        true,
        this.#deps.signal,
      );
    } catch (error) {
      // Cut short by Ctrl-C: the host is reported interrupted, not unreachable.
      if (this.#interrupted) return;
      const reason = this.#redact(plan, error instanceof Error ? error.message : String(error));
      const code = error instanceof WlaError ? error.code : 'HOST_UNREACHABLE';
      task.record = this.#hostRecord(task, 'unreachable', EXIT_NOT_CHECKED, { reason, errorCode: code });
      this.#progress.finished(plan.name, `not checked: ${reason}`);
      return;
    }
    if (this.#interrupted) {
      await task.remote?.close().catch(() => undefined);
      return;
    }
    const collector = new ResultCollector();
    let success: boolean;
    try {
      this.#support ??= loadSharedSupport(this.#baseInput(task));
      success = await runCucumberFor(this.#cucumberInput(task, await this.#support), collector);
    } catch (error) {
      const reason = this.#redact(plan, causeChain(error));
      task.record = this.#hostRecord(task, 'unreachable', EXIT_NOT_CHECKED, {
        reason,
        errorCode: 'CONFIG_ERROR',
      });
      this.#progress.finished(plan.name, `not checked: ${reason}`);
      return;
    }
    if (this.#interrupted) return;
    const results = collector.results(plan.config.host);
    const hostDir = join(this.#dir, HOSTS_DIR, plan.name);
    const meta = runMetaOf(collector.envelopes(), plan.config, task.profile);
    const hostRun: RunOptions = {
      ...this.#run,
      profile: task.profile,
      reportDir: hostDir,
      reports: ['junit', 'matrix'],
    };
    try {
      await writeRunReports(collector.envelopes(), meta, hostRun, {
        isTTY: false,
        color: false,
        columns: 100,
      });
    } catch (error) {
      throw new ConfigError(`cannot write the reports of ${plan.name} to ${hostDir}: ${causeChain(error)}`, {
        cause: error,
      });
    }
    task.record = this.#hostRecord(task, 'checked', exitCodeFor(results, success), {});
    this.#progress.finished(plan.name, summaryLine(tally(results), Date.now() - started));
  }

  #cucumberInput(task: HostTask, support: ISupportCodeLibrary): CucumberRunInput {
    const { plan } = task;
    const catalog = this.#catalogs.get(plan.config.catalogFile);
    return {
      ...this.#baseInput(task),
      serviceNames: catalog?.services.map((service) => service.name) ?? [],
      runKey: plan.name,
      ...(task.remote ? { connection: task.remote } : {}),
      support,
    };
  }

  #baseInput(task: HostTask): CucumberRunInput {
    return {
      config: task.plan.config,
      run: {
        profile: task.profile,
        dryRun: false,
        ...(this.#run.tags === undefined ? {} : { tags: this.#run.tags }),
      },
      serviceNames: [],
      formats: [],
      stdout: new PassThrough().resume(),
      stderr: this.#io.stderr,
      env: this.#io.env,
    };
  }

  #hostRecord(
    task: HostTask,
    outcome: FleetHostRecord['outcome'],
    exitCode: number,
    extra: { reason?: string; errorCode?: string },
  ): FleetHostRecord {
    const { plan } = task;
    return {
      name: plan.name,
      host: plan.config.host,
      role: plan.role,
      ...(plan.pair === undefined ? {} : { pair: plan.pair }),
      groups: plan.groups,
      labels: plan.labels,
      profile: task.profile,
      outcome,
      ...extra,
      exitCode,
      startedAt: new Date(task.started ?? Date.now()).toISOString(),
      finishedAt: new Date().toISOString(),
    };
  }

  #record(startedAt: string): FleetRecord {
    const hosts = this.#tasks.map(
      (task) =>
        task.record ??
        this.#hostRecord(task, 'interrupted', EXIT_NOT_CHECKED, {
          reason:
            task.started === undefined ? 'not started: the run was interrupted' : 'interrupted while running',
          errorCode: 'INTERRUPTED',
        }),
    );
    const { inventoryFile, shard } = this.#selection;
    return {
      version: 1,
      startedAt,
      finishedAt: new Date().toISOString(),
      ...(inventoryFile === undefined ? {} : { inventory: basename(inventoryFile) }),
      ...(shard ? { shard } : {}),
      hosts,
    };
  }

  #redact(plan: FleetHostPlan, text: string): string {
    return redactSecrets(text.split('\n')[0] ?? text, readSecrets(plan.config, this.#io.env));
  }
}
