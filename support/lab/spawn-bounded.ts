// A child process of the test tooling (the CLI under test, npm, podman) with its output kept and a hard deadline.
import { spawn } from 'node:child_process';
import { TimedOut } from '../errors.ts';

export interface BoundedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

export interface BoundedOptions {
  /** What the process is, for the errors: "the CLI --host x", "podman build". */
  what: string;
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Lines of output quoted when it outlives its deadline (default 25). */
  tailLines?: number;
}

/**
 * Resolves with the exit code and the output, whatever the code; rejects with TimedOut (after SIGKILL) quoting the
 * last lines of output when the process outlives timeoutMs, or with an error naming `what` when it cannot start.
 */
export function spawnBounded(
  command: string,
  args: readonly string[],
  options: BoundedOptions,
): Promise<BoundedRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const tail = `${stdout}${stderr}`
        .trimEnd()
        .split('\n')
        .slice(-(options.tailLines ?? 25))
        .join('\n');
      reject(
        new TimedOut(`${options.what} did not end within ${options.timeoutMs} ms; its last output:\n${tail}`),
      );
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${options.what}: ${command} could not run (${error.message})`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}
