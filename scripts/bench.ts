// npm run bench: medians of the daily profile on a lab (ssh2, openssh, per-command baseline, 1/9/18 daemons) as Markdown.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
import { perCommandArgvs, runPerCommand } from '../support/proofs/bench/per-command.ts';
import { openRemoteHost } from '../support/ssh/connect.ts';

const USAGE = `usage: npm run bench -- [--runs N] [--baseline-runs N] [--dir DIR] [--keep]
Boots (or reuses) a lab in DIR (default .lab/bench), runs the daily profile N times (default 5) per setup
and prints medians as a Markdown table. --keep leaves the lab running for the next bench.`;
const RUN_TIMEOUT_MS = 300_000;

interface Options {
  runs: number;
  baselineRuns: number;
  dir: string;
  keep: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'baseline-runs': { type: 'string', default: '1' },
      dir: { type: 'string', default: join(PACKAGE_ROOT, '.lab', 'bench') },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const baselineRuns = Number(values['baseline-runs']);
  if (
    values.help ||
    !Number.isInteger(runs) ||
    runs < 1 ||
    !Number.isInteger(baselineRuns) ||
    baselineRuns < 1
  ) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return { runs, baselineRuns, dir: values.dir, keep: values.keep };
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** One CLI run of the daily profile; the counts come from the workers' WLA_STATS_FILE lines. */
async function cliRun(lab: Lab, extra: readonly string[]): Promise<RunFigures> {
  const work = mkdtempSync(join(tmpdir(), 'wla-bench-'));
  const statsFile = join(work, 'stats.ndjson');
  try {
    const args = ['--config', lab.configFile, '--profile', 'daily', ...extra];
    const run = await runCliProcess(args, {
      cwd: work,
      env: { WLA_STATS_FILE: statsFile },
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
      // The CLI's preflight opens one more connection before the workers (no exec channel as root).
      connections: sum((l) => l.connections) + 1,
      channels: sum((l) => l.channels),
      httpRequests: sum((l) => l.httpRequests),
      bytes: sum((l) => l.bytesIn + l.bytesOut),
      workers: lines.length,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The naive tool: the same facts, one ssh process per property (no snapshot, no HTTP). */
async function perCommandRun(lab: Lab, services: readonly string[]): Promise<RunFigures> {
  const { config } = resolveConfig({ configFlag: lab.configFile, env: {}, cwd: PACKAGE_ROOT });
  const plan = gatherPlan(loadCatalog(DEFAULT_CATALOG_FILE), services);
  const started = performance.now();
  const remote = await openRemoteHost(config.host, { ...config.ssh, transport: 'openssh' }, {});
  try {
    await runPerCommand(remote, perCommandArgvs(plan));
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
  const lab = await startLab({ dir: opts.dir, reuse: true });
  const names = loadCatalog(DEFAULT_CATALOG_FILE).services.map((service) => service.name);
  const only = (count: number) => names.slice(0, count).flatMap((name) => ['--service', name]);
  const loadBefore = load();
  try {
    // One unmeasured run warms the lab's caches (dpkg, systemd, nginx) and node's module cache.
    await cliRun(lab, []);
    const rows: Row[] = [];
    rows.push(await measure(`daily, ${names.length} daemons, ssh2`, opts.runs, () => cliRun(lab, [])));
    rows.push(
      await measure(`daily, ${names.length} daemons, openssh`, opts.runs, () =>
        cliRun(lab, ['--transport', 'openssh']),
      ),
    );
    const baselineLabel = `per-command baseline, ${names.length} daemons, openssh (facts only)`;
    rows.push(await measure(baselineLabel, opts.baselineRuns, () => perCommandRun(lab, [])));
    const scaling: Row[] = [];
    for (const count of [1, 9]) {
      scaling.push(
        await measure(`daily, ${count} daemon(s), ssh2`, opts.runs, () => cliRun(lab, only(count))),
      );
    }
    scaling.push({ ...rows[0]!, label: `daily, ${names.length} daemons, ssh2` });
    const baselineOne = await measure(
      'per-command baseline, 1 daemon, openssh (facts only)',
      opts.baselineRuns,
      () => perCommandRun(lab, names.slice(0, 1)),
    );
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node.js ${process.version}`;
    const lines = [
      `Machine: ${machine}; load average (1, 5, 15 min) before: ${loadBefore}, after: ${load()}.`,
      '',
      markdownTable(rows, baselineLabel),
      '',
      'Scaling (ssh2):',
      '',
      markdownTable([...scaling, baselineOne]),
      '',
      ...verdicts(rows[0]!, rows[2]!),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    if (!opts.keep) await lab.stop();
  }
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

await main();
