// Runs the real CLI as a child process with a clean environment and a hard deadline (proofs and benchmark).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { TimedOut } from '../errors.ts';

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
export function runCliProcess(args: readonly string[], options: CliProcessOptions): Promise<CliProcessRun> {
  const started = performance.now();
  const env = { PATH: process.env['PATH'] ?? '', HOME: options.cwd, ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: options.cwd, env, stdio: 'pipe' });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const tail = `${stdout}${stderr}`.slice(-2000);
      reject(
        new TimedOut(
          `the CLI ${args.join(' ')} did not end within ${options.timeoutMs} ms; output so far:\n${tail}`,
        ),
      );
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}
