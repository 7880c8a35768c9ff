// Where a run's start-up goes: the phases startup-trace.mjs prints, as medians over runs.
import { join } from 'node:path';
import { median } from './figures.ts';

/** `NODE_OPTIONS` value that makes a node process print its start-up phases to stderr. */
export const STARTUP_TRACE_OPTIONS = `--import ${join(import.meta.dirname, 'startup-trace.mjs')}`;

export interface Phase {
  name: string;
  atMs: number;
}

/** The `[startup] <ms> ms <phase>` lines of one run, in order. */
export function parseStartupTrace(stderr: string): Phase[] {
  const phases: Phase[] = [];
  for (const match of stderr.matchAll(/^\[startup\] (\d+) ms (.+)$/gm)) {
    phases.push({ atMs: Number(match[1]), name: match[2]! });
  }
  return phases;
}

/** One row per phase seen in every run (in the first run's order): median start and median length. */
export function startupTable(runs: readonly Phase[][]): string {
  const names = (runs[0] ?? [])
    .map((phase) => phase.name)
    .filter((name) => runs.every((run) => run.some((phase) => phase.name === name)));
  const at = (run: readonly Phase[], name: string) => run.find((phase) => phase.name === name)!.atMs;
  const lines = names.map((name, i) => {
    const next = names[i + 1];
    const start = median(runs.map((run) => at(run, name)));
    const length =
      next === undefined ? '-' : `${median(runs.map((run) => at(run, next) - at(run, name)))} ms`;
    return `| ${name} | ${start} ms | ${length} |`;
  });
  return [
    '| phase begins (first module resolved) | at (median) | until the next phase (median) |',
    '| --- | ---: | ---: |',
    ...lines,
  ].join('\n');
}
