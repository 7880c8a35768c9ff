// npm run bench: medians of the daily profile on a lab (ssh2, openssh, per-command baseline, 1/9/18 daemons, each
// transport behind a delay proxy at several round-trip times, and a fleet of labs in one run vs separate runs) as Markdown.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog, gatherPlan } from '../support/catalog/load.ts';
import { DEFAULT_CATALOG_FILE } from '../support/config/defaults.ts';
import { PACKAGE_ROOT } from '../support/config/defaults.ts';
import { resolveConfig } from '../support/config/resolve.ts';
import { startLab } from '../support/lab/lab.ts';
import type { Lab } from '../support/lab/lab.ts';
import { runCliProcess } from '../support/proofs/cli-process.ts';
import { markdownTable, medianFigures } from '../support/proofs/bench/figures.ts';
import type { Row, RunFigures } from '../support/proofs/bench/figures.ts';
import { distantLab, latencyTable } from '../support/proofs/bench/latency.ts';
import type { DistantLab, LatencyRow } from '../support/proofs/bench/latency.ts';
import { median } from '../support/proofs/bench/figures.ts';
import { STARTUP_TRACE_OPTIONS, parseStartupTrace, startupTable } from '../support/proofs/bench/startup.ts';
import type { Phase } from '../support/proofs/bench/startup.ts';
import { perCommandArgvs, runPerCommand } from '../support/proofs/bench/per-command.ts';
import { openRemoteHost } from '../support/ssh/connect.ts';
import { labEntry, startLabFleet, stopLabFleet, writeInventory } from '../support/cli/testing/lab-fleet.ts';
import type { StartedMember } from '../support/cli/testing/lab-fleet.ts';
import {
  concurrentSample,
  fleetTable,
  growthTable,
  medianRssKb,
  memoryPerExtraHostKb,
  runMeasuredCli,
  sequentialSample,
  sweepTable,
} from '../support/proofs/bench/fleet.ts';
import type {
  FleetRow,
  FleetSample,
  GrowthRow,
  MeasuredRun,
  SweepRow,
} from '../support/proofs/bench/fleet.ts';

const USAGE = `usage: npm run bench -- [--runs N] [--baseline-runs N] [--rtt MS,MS,...] [--only SECTION,...] [--dir DIR] [--keep]
Boots (or reuses) a lab in DIR (default .lab/bench), runs the daily profile N times (default 5) per setup
and prints medians as Markdown tables. Sections (--only, default all): classic (both transports, the
per-command baseline, 1/9/18 daemons), latency (each transport behind a delay proxy at each --rtt, default
0,20,100, and the baseline at the largest), startup (where the CLI's start-up goes, phase by phase), fleet
(6 labs of their own: 1, 3 and 6 hosts in one fleet run vs as many separate runs at once and one after another,
wall time and peak RSS under /usr/bin/time, then a --hosts-parallel sweep over the 6).
--keep leaves the lab running for the next bench (not the fleet's labs).`;
const SECTIONS = ['classic', 'latency', 'startup', 'fleet'] as const;
type Section = (typeof SECTIONS)[number];
const RUN_TIMEOUT_MS = 300_000;

interface Options {
  runs: number;
  baselineRuns: number;
  rtts: number[];
  only: Section[];
  dir: string;
  keep: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'baseline-runs': { type: 'string', default: '1' },
      rtt: { type: 'string', default: '0,20,100' },
      only: { type: 'string', default: SECTIONS.join(',') },
      dir: { type: 'string', default: join(PACKAGE_ROOT, '.lab', 'bench') },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const baselineRuns = Number(values['baseline-runs']);
  const rtts = values.rtt.split(',').map(Number);
  const only = values.only.split(',');
  if (
    values.help ||
    only.some((section) => !(SECTIONS as readonly string[]).includes(section)) ||
    rtts.some((rtt) => !Number.isInteger(rtt) || rtt < 0 || rtt > 1000) ||
    !Number.isInteger(runs) ||
    runs < 1 ||
    !Number.isInteger(baselineRuns) ||
    baselineRuns < 1
  ) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return {
    runs,
    baselineRuns,
    rtts: [...new Set([0, ...rtts])].sort((a, b) => a - b),
    only: only as Section[],
    dir: values.dir,
    keep: values.keep,
  };
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** One CLI run of the daily profile; the counts come from the workers' WLA_STATS_FILE lines. */
async function cliRun(
  configFile: string,
  extra: readonly string[],
  env: Record<string, string> = {},
): Promise<RunFigures & { stderr: string }> {
  const work = mkdtempSync(join(tmpdir(), 'wla-bench-'));
  const statsFile = join(work, 'stats.ndjson');
  try {
    const args = ['--config', configFile, '--profile', 'daily', ...extra];
    const run = await runCliProcess(args, {
      cwd: work,
      env: { ...env, WLA_STATS_FILE: statsFile },
      timeoutMs: RUN_TIMEOUT_MS,
    });
    if (run.code !== 0 && run.code !== 1) {
      throw new Error(`the CLI ${args.join(' ')} exited ${run.code}:\n${run.stderr.slice(-2000)}`);
    }
    const lines = readFileSync(statsFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map(
        (line) =>
          JSON.parse(line) as Omit<RunFigures, 'wallMs' | 'workers' | 'bytes'> & {
            bytesIn: number;
            bytesOut: number;
          },
      );
    const sum = (pick: (line: (typeof lines)[number]) => number) =>
      lines.reduce((total, line) => total + pick(line), 0);
    const summary = /: \d+ passed, .* in (\d+(?:\.\d+)?)s$/m.exec(run.stderr);
    return {
      wallMs: run.wallMs,
      runMs: summary ? Number(summary[1]) * 1000 : NaN,
      // The run goes on over the preflight's connection (one in all unless a worker of npx cucumber-js --parallel)
      connections: sum((l) => l.connections) + (lines.length > 1 ? 1 : 0),
      channels: sum((l) => l.channels),
      httpRequests: sum((l) => l.httpRequests),
      bytes: sum((l) => l.bytesIn + l.bytesOut),
      workers: lines.length,
      stderr: run.stderr,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The naive tool: the same facts, one ssh process per property (no snapshot, no HTTP). */
async function perCommandRun(
  configFile: string,
  services: readonly string[],
  mode: 'concurrent' | 'sequential' = 'concurrent',
): Promise<RunFigures> {
  const { config } = resolveConfig({ configFlag: configFile, env: {}, cwd: PACKAGE_ROOT });
  const plan = gatherPlan(loadCatalog(DEFAULT_CATALOG_FILE), services);
  const started = performance.now();
  // A per-command tool connects for each command: no shared master connection.
  const ssh = { ...config.ssh, transport: 'openssh' as const };
  const remote = await openRemoteHost(config.host, ssh, {}, { opensshMultiplex: false });
  try {
    await runPerCommand(remote, perCommandArgvs(plan), mode);
    const stats = remote.stats;
    return {
      wallMs: performance.now() - started,
      runMs: NaN,
      connections: stats.connections,
      channels: stats.channels,
      httpRequests: 0,
      bytes: stats.bytesIn + stats.bytesOut,
      workers: 1,
    };
  } finally {
    await remote.close();
  }
}

async function measure(label: string, runs: number, once: () => Promise<RunFigures>): Promise<Row> {
  const all: RunFigures[] = [];
  for (let i = 0; i < runs; i += 1) {
    const f = await once();
    all.push(f);
    const counts = `${f.connections} connections, ${f.channels} channels, ${f.httpRequests} HTTP requests, ${f.bytes} bytes`;
    process.stderr.write(
      `[bench] ${label}: run ${i + 1}/${runs} ${(f.wallMs / 1000).toFixed(2)} s, ${counts} (load ${load()})\n`,
    );
  }
  return { label, runs, figures: medianFigures(all) };
}

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = load();
  const sections: string[] = [];
  if (opts.only.some((section) => section !== 'fleet')) sections.push(...(await singleLabSections(opts)));
  if (opts.only.includes('fleet')) sections.push(...(await fleetAxis(opts)));
  const lines = [
    `${new Date().toISOString()}; machine: ${machine()}; load average (1, 5, 15 min) before: ${loadBefore}, after: ${load()}.`,
    '',
    ...sections,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function machine(): string {
  const ram = `${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM`;
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${ram}, Node.js ${process.version}`;
}

/** The sections on the one bench lab: started (or reused) once, warmed by one unmeasured run. */
async function singleLabSections(opts: Options): Promise<string[]> {
  const lab = await startLab({ dir: opts.dir, reuse: true });
  const names = loadCatalog(DEFAULT_CATALOG_FILE).services.map((service) => service.name);
  try {
    // One unmeasured run warms the lab's caches (dpkg, systemd, nginx) and node's module cache.
    await cliRun(lab.configFile, []);
    const sections: string[] = [];
    if (opts.only.includes('startup')) sections.push(...(await startup(lab, opts)));
    if (opts.only.includes('classic')) sections.push(...(await classic(lab, opts, names)));
    if (opts.only.includes('latency')) sections.push(...(await latencyAxis(lab, opts, names)));
    return sections;
  } finally {
    if (!opts.keep) await lab.stop();
  }
}

/** The lab as it is: both transports, the per-command baseline, 1/9/18 daemons. */
async function classic(lab: Lab, opts: Options, names: readonly string[]): Promise<string[]> {
  const only = (count: number) => names.slice(0, count).flatMap((name) => ['--service', name]);
  const rows: Row[] = [];
  rows.push(
    await measure(`daily, ${names.length} daemons, ssh2`, opts.runs, () => cliRun(lab.configFile, [])),
  );
  rows.push(
    await measure(`daily, ${names.length} daemons, openssh`, opts.runs, () =>
      cliRun(lab.configFile, ['--transport', 'openssh']),
    ),
  );
  const baselineLabel = `per-command baseline, ${names.length} daemons, openssh (facts only)`;
  rows.push(await measure(baselineLabel, opts.baselineRuns, () => perCommandRun(lab.configFile, [])));
  const scaling: Row[] = [];
  for (const count of [1, 9]) {
    scaling.push(
      await measure(`daily, ${count} daemon(s), ssh2`, opts.runs, () => cliRun(lab.configFile, only(count))),
    );
  }
  scaling.push({ ...rows[0]!, label: `daily, ${names.length} daemons, ssh2` });
  const baselineOne = await measure(
    'per-command baseline, 1 daemon, openssh (facts only)',
    opts.baselineRuns,
    () => perCommandRun(lab.configFile, names.slice(0, 1)),
  );
  return [
    markdownTable(rows, baselineLabel),
    '',
    'Scaling (ssh2):',
    '',
    markdownTable([...scaling, baselineOne]),
    '',
    ...verdicts(rows[0]!, rows[2]!),
    '',
  ];
}

/** The daily run on the lab with the start-up trace: each phase's median start and length. */
async function startup(lab: Lab, opts: Options): Promise<string[]> {
  const traces: Phase[][] = [];
  const figures: RunFigures[] = [];
  for (let i = 0; i < opts.runs; i += 1) {
    const run = await cliRun(lab.configFile, [], { NODE_OPTIONS: STARTUP_TRACE_OPTIONS });
    traces.push(parseStartupTrace(run.stderr));
    figures.push(run);
    process.stderr.write(
      `[bench] start-up trace: run ${i + 1}/${opts.runs} ${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.runMs / 1000).toFixed(2)} s checking (load ${load()})\n`,
    );
  }
  const f = medianFigures(figures);
  return [
    `Start-up (ssh2, lab direct, ${opts.runs} runs with NODE_OPTIONS="${STARTUP_TRACE_OPTIONS}"; times from the process's start; checking is timed from run-features.ts to the summary line): wall ${(f.wallMs / 1000).toFixed(2)} s, checking ${(f.runMs / 1000).toFixed(2)} s (medians).`,
    '',
    startupTable(traces),
    '',
  ];
}

const TRANSPORTS = ['ssh2', 'openssh'] as const;

/** Each transport behind delay proxies at each RTT, and the per-command baseline at the largest. */
async function latencyAxis(lab: Lab, opts: Options, names: readonly string[]): Promise<string[]> {
  const rows: LatencyRow[] = [];
  const largest = Math.max(...opts.rtts);
  let baseline: Baseline | undefined;
  for (const rttMs of opts.rtts) {
    const distant = await distantLab(lab, rttMs);
    try {
      for (const transport of TRANSPORTS) rows.push(await measureDistant(distant, transport, opts.runs));
      if (rttMs === largest && largest > 0) baseline = await baselineAt(distant, names, opts.baselineRuns);
    } finally {
      await distant.close();
    }
  }
  return [
    `Latency (a delay proxy on 127.0.0.1 adds RTT/2 each way in front of the lab's SSH and HTTPS ports, and one RTT per new TCP connection; round trips spent = (checking at RTT r - checking at 0 ms) / r; medians of ${opts.runs} runs):`,
    '',
    latencyTable(rows),
    '',
    ...(baseline ? [baselineLine(baseline)] : []),
    '',
    ...latencyVerdicts(rows, baseline, largest),
  ];
}

async function measureDistant(
  distant: DistantLab,
  transport: (typeof TRANSPORTS)[number],
  runs: number,
): Promise<LatencyRow> {
  const all: RunFigures[] = [];
  const tcp: { ssh: number; https: number }[] = [];
  for (let i = 0; i < runs; i += 1) {
    const before = { ssh: distant.ssh.accepted, https: distant.https.accepted };
    const f = await cliRun(distant.configFile, ['--transport', transport]);
    const opened = { ssh: distant.ssh.accepted - before.ssh, https: distant.https.accepted - before.https };
    all.push(f);
    tcp.push(opened);
    process.stderr.write(
      `[bench] ${transport} at ${distant.rttMs} ms RTT: run ${i + 1}/${runs} ${(f.wallMs / 1000).toFixed(2)} s wall, ${(f.runMs / 1000).toFixed(2)} s checking, TCP ${opened.ssh} SSH / ${opened.https} HTTPS, ${f.channels} channels, ${f.httpRequests} HTTP requests (load ${load()})\n`,
    );
  }
  return {
    transport,
    rttMs: distant.rttMs,
    runs,
    figures: medianFigures(all),
    tcp: { ssh: median(tcp.map((t) => t.ssh)), https: median(tcp.map((t) => t.https)) },
  };
}

interface Baseline {
  rttMs: number;
  runs: number;
  wallMs: number;
  commands: number;
  /** The per-command baseline's command count for every catalog daemon. */
  allCommands: number;
  daemons: number;
  /** The same commands one after the other (one run), as a per-command tool runs them by default. */
  sequentialWallMs: number;
}

/** The per-command baseline on 1 daemon (one connection per command), extrapolated per command to all. */
async function baselineAt(distant: DistantLab, names: readonly string[], runs: number): Promise<Baseline> {
  const catalog = loadCatalog(DEFAULT_CATALOG_FILE);
  const commands = perCommandArgvs(gatherPlan(catalog, names.slice(0, 1))).length;
  const allCommands = perCommandArgvs(gatherPlan(catalog, [])).length;
  const row = await measure(
    `per-command baseline, 1 daemon, openssh, RTT ${distant.rttMs} ms (facts only)`,
    runs,
    () => perCommandRun(distant.configFile, names.slice(0, 1)),
  );
  const sequential = await measure(
    `per-command baseline, 1 daemon, openssh, one command after another, RTT ${distant.rttMs} ms (facts only)`,
    1,
    () => perCommandRun(distant.configFile, names.slice(0, 1), 'sequential'),
  );
  return {
    rttMs: distant.rttMs,
    runs,
    wallMs: row.figures.wallMs,
    commands,
    allCommands,
    daemons: names.length,
    sequentialWallMs: sequential.figures.wallMs,
  };
}

/** Each count plus the opening `true`: the measured wall time includes that connection too. */
function extrapolatedMs(baseline: Baseline, wallMs = baseline.wallMs): number {
  return (wallMs / (baseline.commands + 1)) * (baseline.allCommands + 1);
}

function baselineLine(b: Baseline): string {
  return (
    `Per-command baseline at ${b.rttMs} ms RTT (facts only, one ssh connection per command, ${b.runs} run(s)): ` +
    `1 daemon, ${b.commands} commands (+ the opening one) in ${(b.wallMs / 1000).toFixed(2)} s; EXTRAPOLATED per command to ` +
    `${b.daemons} daemons (${b.allCommands} + 1 commands): ${(extrapolatedMs(b) / 1000).toFixed(1)} s (not measured). ` +
    `One command after another (1 run): ${(b.sequentialWallMs / 1000).toFixed(2)} s on 1 daemon, EXTRAPOLATED ` +
    `${(extrapolatedMs(b, b.sequentialWallMs) / 1000).toFixed(1)} s.`
  );
}

function latencyVerdicts(
  rows: readonly LatencyRow[],
  baseline: Baseline | undefined,
  largest: number,
): string[] {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const at = (transport: string, rttMs: number) =>
    rows.find((row) => row.transport === transport && row.rttMs === rttMs);
  const lines: string[] = [];
  const zero = at('ssh2', 0);
  if (zero) {
    const startUp = zero.figures.wallMs - zero.figures.runMs;
    lines.push(
      `- start-up (wall - checking, ssh2 at 0 ms, preflight connection included) < 0.6 s: ${met(startUp < 600)} (${(startUp / 1000).toFixed(2)} s; load ${load()} now)`,
    );
  }
  if (largest === 0) return lines;
  for (const [transport, limit] of [
    ['ssh2', 15],
    ['openssh', 25],
  ] as const) {
    const row = at(transport, largest);
    const base = at(transport, 0);
    if (!row || !base) continue;
    const spent = (row.figures.runMs - base.figures.runMs) / largest;
    lines.push(
      `- at most ${limit} round trips per daily run with ${transport} (at ${largest} ms): ${met(spent <= limit)} (${spent.toFixed(1)})`,
    );
  }
  const far = at('ssh2', largest);
  if (far) {
    lines.push(
      `- ssh2 at ${largest} ms RTT under 5 s wall: ${met(far.figures.wallMs < 5000)} (${(far.figures.wallMs / 1000).toFixed(2)} s)`,
    );
    if (baseline) {
      const sequential = extrapolatedMs(baseline, baseline.sequentialWallMs) / far.figures.wallMs;
      const concurrent = extrapolatedMs(baseline) / far.figures.wallMs;
      lines.push(
        `- >= 50x faster than the per-command baseline at ${largest} ms (extrapolated from 1 daemon): ` +
          `${met(sequential >= 50)} against one command after another (${sequential.toFixed(1)}x); ` +
          `${met(concurrent >= 50)} against 8 commands at a time (${concurrent.toFixed(1)}x)`,
      );
    }
  }
  return lines;
}

function verdicts(daily: Row, baseline: Row): string[] {
  const perWorker = daily.figures.channels / Math.max(1, daily.figures.workers);
  const speedUp = baseline.figures.wallMs / daily.figures.wallMs;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `- exec channels per worker <= 10: ${met(perWorker <= 10)} (${perWorker})`,
    `- daily profile wall time < 5 s once the lab is up: ${met(daily.figures.wallMs < 5000)} (${(daily.figures.wallMs / 1000).toFixed(2)} s CLI process start to exit; ${(daily.figures.runMs / 1000).toFixed(2)} s checking)`,
    `- >= 10x faster than the per-command openssh run: ${met(speedUp >= 10)} (${speedUp.toFixed(1)}x)`,
  ];
}

const FLEET_SIZES = [1, 3, 6] as const;
const FLEET_LABS = 6;
const SWEEP = [1, 2, 3, 4, 6] as const;
/** Each lab under this many names: the same hosts checked again and again in one process. */
const GROWTH_COPIES = [1, 2, 4] as const;

/**
 * Six default labs of the fleet's own, started before any timing: 1, 3 and 6 of them in one fleet run, as separate
 * runs at once (a shell loop with &) and one after another; then the 6 at each --hosts-parallel of the sweep.
 */
async function fleetAxis(opts: Options): Promise<string[]> {
  const labsDir = join(PACKAGE_ROOT, '.lab', `bench-fleet-${process.pid}`);
  const work = mkdtempSync(join(tmpdir(), 'wla-bench-fleet-'));
  process.stderr.write(`[bench] fleet: starting ${FLEET_LABS} labs in ${labsDir} (not timed)\n`);
  const started = performance.now();
  let members: StartedMember[] = [];
  try {
    members = await startLabFleet(
      labsDir,
      Array.from({ length: FLEET_LABS }, (_, i) => ({ name: `pbx-${i + 1}` })),
    );
    process.stderr.write(
      `[bench] fleet: ${FLEET_LABS} labs up in ${((performance.now() - started) / 1000).toFixed(0)} s (load ${load()})\n`,
    );
    const inventory = (n: number): string =>
      writeInventory(
        join(work, `inv-${n}.yml`),
        members.slice(0, n).map((member) => labEntry(member.lab, member.name)),
      );
    const inventories = new Map(FLEET_SIZES.map((n) => [n, inventory(n)]));
    // One unmeasured run over every lab warms their caches (dpkg, systemd, nginx) and node's module cache.
    await fleetRunOnce(inventories.get(FLEET_LABS)!, FLEET_LABS, work);
    await settle();
    const comparisonLoad = load();
    const rows: FleetRow[] = [];
    for (const n of FLEET_SIZES) {
      const hosts = members.slice(0, n);
      rows.push({
        hosts: n,
        setup: `one fleet run, --hosts-parallel ${n}`,
        rssMeaning: 'the process',
        samples: await repeat(`${n} host(s), one fleet run`, opts.runs, async () =>
          oneProcess(await fleetRunOnce(inventories.get(n)!, n, work)),
        ),
      });
      rows.push({
        hosts: n,
        setup: n === 1 ? 'a single-host run (--config)' : `${n} single-host runs at once`,
        rssMeaning: n === 1 ? 'the process' : `sum of ${n} peaks`,
        samples: await repeat(`${n} single-host run(s) at once`, opts.runs, () => atOnce(hosts, work)),
      });
      if (n > 1) {
        rows.push({
          hosts: n,
          setup: `${n} single-host runs one after another`,
          rssMeaning: 'the largest peak',
          samples: await repeat(`${n} single-host runs one after another`, opts.runs, () =>
            oneAfterAnother(hosts, work),
          ),
        });
      }
    }
    const comparisonLoadAfter = load();
    const sweepLoad = load();
    const sweep: SweepRow[] = [];
    for (const width of SWEEP) {
      sweep.push({
        hostsParallel: width,
        hosts: FLEET_LABS,
        samples: await repeat(`${FLEET_LABS} hosts, --hosts-parallel ${width}`, opts.runs, async () =>
          oneProcess(await fleetRunOnce(inventories.get(FLEET_LABS)!, width, work)),
        ),
      });
    }
    const sweepLoadAfter = load();
    const growthLoad = load();
    const growth: GrowthRow[] = [];
    for (const copies of GROWTH_COPIES) {
      const entries = members.flatMap((member) =>
        Array.from({ length: copies }, (_, k) => labEntry(member.lab, `${member.name}-${k + 1}`)),
      );
      const file = writeInventory(join(work, `inv-x${copies}.yml`), entries);
      growth.push({
        hosts: entries.length,
        samples: await repeat(`${entries.length} host entries, --hosts-parallel 4`, opts.runs, async () =>
          oneProcess(await fleetRunOnce(file, 4, work)),
        ),
      });
    }
    const growthLoadAfter = load();
    return [
      `Fleet (${FLEET_LABS} default labs on this machine, started before timing; daily profile, ssh2, every run with --report-dir; wall time from spawning to exit; peak RSS from /usr/bin/time -f %M; medians of ${opts.runs} runs); load average before: ${comparisonLoad}, after: ${comparisonLoadAfter}:`,
      '',
      fleetTable(rows),
      '',
      `--hosts-parallel over the ${FLEET_LABS} labs in one fleet run (medians of ${opts.runs} runs); load average before: ${sweepLoad}, after: ${sweepLoadAfter}:`,
      '',
      sweepTable(sweep),
      '',
      ...memoryLines(rows, sweep),
      '',
      `Hosts checked by one process (the ${FLEET_LABS} labs, each under ${GROWTH_COPIES.join(', ')} names, --hosts-parallel 4, medians of ${opts.runs} runs); load average before: ${growthLoad}, after: ${growthLoadAfter}:`,
      '',
      growthTable(growth),
      '',
    ];
  } finally {
    await stopLabFleet(members);
    rmSync(labsDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

function memoryLines(rows: readonly FleetRow[], sweep: readonly SweepRow[]): string[] {
  const fleetOf = (n: number) => rows.find((row) => row.hosts === n && row.setup.startsWith('one fleet run'));
  const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
  const one = fleetOf(1);
  const all = fleetOf(FLEET_LABS);
  const lines: string[] = [];
  if (one && all) {
    const a = medianRssKb(one);
    const b = medianRssKb(all);
    lines.push(
      `- memory per extra host (one fleet run, ${FLEET_LABS} hosts at --hosts-parallel ${FLEET_LABS} vs 1 host): (${mib(b)} - ${mib(a)}) / ${FLEET_LABS - 1} = ${mib(memoryPerExtraHostKb(a, b, FLEET_LABS))}`,
    );
  }
  const serial = sweep.find((row) => row.hostsParallel === 1);
  const widest = sweep.find((row) => row.hostsParallel === FLEET_LABS);
  if (serial && widest) {
    lines.push(
      `- per extra host checked at the same time (the same ${FLEET_LABS} hosts at --hosts-parallel ${FLEET_LABS} vs 1): (${mib(medianRssKb(widest))} - ${mib(medianRssKb(serial))}) / ${FLEET_LABS - 1} = ${mib(memoryPerExtraHostKb(medianRssKb(serial), medianRssKb(widest), FLEET_LABS))}`,
    );
  }
  return lines;
}

/** After the labs' boot: waits (at most a minute) until the 1-minute load average is below the core count. */
async function settle(): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (loadavg()[0]! >= cpus().length && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  process.stderr.write(`[bench] fleet: timing starts (load ${load()})\n`);
}

const oneProcess = (run: MeasuredRun): FleetSample => ({
  wallMs: run.wallMs,
  rssKb: run.peakRssKb,
  codes: [run.code],
});

async function repeat(label: string, runs: number, once: () => Promise<FleetSample>): Promise<FleetSample[]> {
  const samples: FleetSample[] = [];
  for (let i = 0; i < runs; i += 1) {
    const sample = await once();
    samples.push(sample);
    process.stderr.write(
      `[bench] ${label}: run ${i + 1}/${runs} ${(sample.wallMs / 1000).toFixed(2)} s, ${(sample.rssKb / 1024).toFixed(0)} MiB, exit ${sample.codes.join(',')} (load ${load()})\n`,
    );
  }
  return samples;
}

async function atOnce(hosts: readonly StartedMember[], work: string): Promise<FleetSample> {
  const started = performance.now();
  const runs = await Promise.all(hosts.map((host) => singleRunOnce(host, work)));
  return concurrentSample(runs, performance.now() - started);
}

async function oneAfterAnother(hosts: readonly StartedMember[], work: string): Promise<FleetSample> {
  const started = performance.now();
  const runs: MeasuredRun[] = [];
  for (const host of hosts) runs.push(await singleRunOnce(host, work));
  return sequentialSample(runs, performance.now() - started);
}

function fleetRunOnce(inventory: string, hostsParallel: number, work: string): Promise<MeasuredRun> {
  return measuredRun(['--inventory', inventory, '--hosts-parallel', String(hostsParallel)], work);
}

function singleRunOnce(host: StartedMember, work: string): Promise<MeasuredRun> {
  return measuredRun(['--config', host.lab.configFile], work);
}

/** One CLI run with a report directory of its own (removed after); exit 0 or 1 is a run, anything else an error. */
async function measuredRun(args: readonly string[], work: string): Promise<MeasuredRun> {
  const reportDir = mkdtempSync(join(work, 'reports-'));
  try {
    const all = [...args, '--report-dir', reportDir];
    const run = await runMeasuredCli(all, { timeoutMs: RUN_TIMEOUT_MS });
    if (run.code !== 0 && run.code !== 1) {
      throw new Error(`the CLI ${all.join(' ')} exited ${run.code}:\n${run.stderr.slice(-2000)}`);
    }
    return run;
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

await main();
