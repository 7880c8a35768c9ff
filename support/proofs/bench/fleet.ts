// The fleet bench: CLI runs timed with their peak RSS (GNU time), and the Markdown tables of one run vs separate runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimedOut } from '../../errors.ts';
import { CLI_BIN } from '../cli-process.ts';
import { median } from './figures.ts';

export const GNU_TIME = '/usr/bin/time';

/**
 * The `-o` file of `/usr/bin/time -f %M`: the peak RSS in KiB, after a "Command exited with non-zero status N" or
 * "Command terminated by signal N" line when the command did not exit 0.
 */
export function parseMaxRssKb(text: string): number {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const last = lines.at(-1)?.trim() ?? '';
  if (!/^\d+$/.test(last))
    throw new Error(`no peak RSS (KiB) in the output of ${GNU_TIME} -f %M: ${JSON.stringify(text)}`);
  return Number(last);
}

export interface MeasuredRun {
  code: number | null;
  wallMs: number;
  /** The CLI process's peak RSS; ru_maxrss of a tree is its largest process's, so one process is measured exactly. */
  peakRssKb: number;
  stderr: string;
}

/** The CLI under `/usr/bin/time -f %M` in its own directory (HOME too), as a shell would start it. */
export function runMeasuredCli(
  args: readonly string[],
  options: { timeoutMs: number; env?: Record<string, string> },
): Promise<MeasuredRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'wla-bench-fleet-'));
  const timeFile = join(cwd, 'time.txt');
  const env = { PATH: process.env['PATH'] ?? '', HOME: cwd, ...options.env };
  const argv = ['-f', '%M', '-o', timeFile, process.execPath, CLI_BIN, ...args];
  const started = performance.now();
  return new Promise<MeasuredRun>((resolve, reject) => {
    const child = spawn(GNU_TIME, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new TimedOut(
          `the CLI ${args.join(' ')} did not end within ${options.timeoutMs} ms:\n${stderr.slice(-2000)}`,
        ),
      );
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      try {
        resolve({ code, wallMs, peakRssKb: parseMaxRssKb(readFileSync(timeFile, 'utf8')), stderr });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }).finally(() => rmSync(cwd, { recursive: true, force: true }));
}

/** One repetition of one setup: its wall time, its memory and the exit codes of its processes. */
export interface FleetSample {
  wallMs: number;
  rssKb: number;
  codes: readonly (number | null)[];
}

export interface FleetRow {
  hosts: number;
  setup: string;
  /** What rssKb means for this setup: one process's peak, a sum of peaks, or the largest one. */
  rssMeaning: string;
  samples: readonly FleetSample[];
}

/** Several processes at once: the wall time of the slowest, the sum of their peaks (they may all peak together). */
export function concurrentSample(runs: readonly MeasuredRun[], wallMs: number): FleetSample {
  return {
    wallMs,
    rssKb: runs.reduce((total, run) => total + run.peakRssKb, 0),
    codes: runs.map((run) => run.code),
  };
}

/** One process after another: the total wall time, the largest peak (only one runs at a time). */
export function sequentialSample(runs: readonly MeasuredRun[], wallMs: number): FleetSample {
  return {
    wallMs,
    rssKb: Math.max(...runs.map((run) => run.peakRssKb)),
    codes: runs.map((run) => run.code),
  };
}

export function medianWallMs(row: { samples: readonly FleetSample[] }): number {
  return median(row.samples.map((sample) => sample.wallMs));
}

export function medianRssKb(row: { samples: readonly FleetSample[] }): number {
  return median(row.samples.map((sample) => sample.rssKb));
}

/** "0" when every process of every repetition exited 0, else each distinct code with its count ("0 x5, 1 x1"). */
export function exitCodes(samples: readonly FleetSample[]): string {
  const counts = new Map<string, number>();
  for (const code of samples.flatMap((sample) => sample.codes)) {
    const key = code === null ? 'signal' : String(code);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 1 && counts.has('0')) return '0';
  return [...counts].map(([code, count]) => `${code} x${count}`).join(', ');
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (kb: number, digits = 0): string => `${(kb / 1024).toFixed(digits)} MiB`;

/** Hosts, setup, wall time and its share per host, memory and what it means, exit codes. */
export function fleetTable(rows: readonly FleetRow[]): string {
  const lines = rows.map((row) => {
    const wall = medianWallMs(row);
    return `| ${row.hosts} | ${row.setup} | ${row.samples.length} | ${seconds(wall)} | ${seconds(wall / row.hosts)} | ${mib(medianRssKb(row))} (${row.rssMeaning}) | ${exitCodes(row.samples)} |`;
  });
  return [
    '| hosts | how | runs | wall time (median) | wall per host | peak RSS (median) | exit codes |',
    '| ---: | --- | ---: | ---: | ---: | ---: | --- |',
    ...lines,
  ].join('\n');
}

export interface SweepRow {
  hostsParallel: number;
  hosts: number;
  samples: readonly FleetSample[];
}

/** One fleet run per --hosts-parallel value over the same hosts; the speed-up is against one host at a time. */
export function sweepTable(rows: readonly SweepRow[]): string {
  const base = rows.find((row) => row.hostsParallel === 1);
  const baseWall = base ? medianWallMs(base) : undefined;
  const lines = rows.map((row) => {
    const wall = medianWallMs(row);
    const rss = medianRssKb(row);
    const ratio = baseWall === undefined ? '' : `${(baseWall / wall).toFixed(2)}x`;
    return `| ${row.hostsParallel} | ${row.samples.length} | ${seconds(wall)} | ${seconds(wall / row.hosts)} | ${mib(rss)} | ${ratio} | ${exitCodes(row.samples)} |`;
  });
  return [
    '| --hosts-parallel | runs | wall time (median) | wall per host | peak RSS (median) | speed-up vs 1 | exit codes |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...lines,
  ].join('\n');
}

export interface GrowthRow {
  hosts: number;
  samples: readonly FleetSample[];
}

/** The same fleet run over more and more host entries: does the process keep something of every host it checked? */
export function growthTable(rows: readonly GrowthRow[]): string {
  const lines = rows.map((row, i) => {
    const wall = medianWallMs(row);
    const rss = medianRssKb(row);
    const before = rows[i - 1];
    const perHost =
      before === undefined ? '-' : mib((rss - medianRssKb(before)) / (row.hosts - before.hosts), 1);
    return `| ${row.hosts} | ${row.samples.length} | ${seconds(wall)} | ${seconds(wall / row.hosts)} | ${mib(rss)} | ${perHost} | ${exitCodes(row.samples)} |`;
  });
  return [
    '| hosts in the run | runs | wall time (median) | wall per host | peak RSS (median) | RSS per host added (vs the row above) | exit codes |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...lines,
  ].join('\n');
}

/** (peak RSS of `hosts` hosts in one run - that of one host) / (hosts - 1), in KiB. */
export function memoryPerExtraHostKb(oneHostKb: number, manyHostsKb: number, hosts: number): number {
  if (hosts < 2) throw new Error(`memory per extra host needs at least 2 hosts, got ${hosts}`);
  return (manyHostsKb - oneHostKb) / (hosts - 1);
}
