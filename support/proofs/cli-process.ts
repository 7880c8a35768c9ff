// Runs the real CLI as a child process with a clean environment and a hard deadline (proofs and benchmark).
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { spawnBounded } from '../lab/spawn-bounded.ts';

export const CLI_BIN = join(PACKAGE_ROOT, 'support', 'cli', 'bin.mjs');

export interface CliProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

export interface CliProcessOptions {
  cwd: string;
  /** Added to a minimal environment (PATH, HOME=cwd): nothing of the caller's WAZO_* leaks in. */
  env?: Record<string, string>;
  timeoutMs: number;
}

/** Resolves with the exit code; rejects with TimedOut (and kills the CLI) when it outlives timeoutMs. */
export async function runCliProcess(
  args: readonly string[],
  options: CliProcessOptions,
): Promise<CliProcessRun> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: options.cwd, ...options.env };
  const run = await spawnBounded(process.execPath, [CLI_BIN, ...args], {
    what: `the CLI ${args.join(' ')}`,
    timeoutMs: options.timeoutMs,
    cwd: options.cwd,
    env,
  });
  return { code: run.code, stdout: run.stdout, stderr: run.stderr, wallMs: run.wallMs };
}
