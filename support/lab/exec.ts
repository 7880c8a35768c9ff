// Runs a command in the lab container as root (docker exec): for tests and mutations, never for the runner.
import { RemoteCommandFailed, TimedOut } from '../errors.ts';
import { withTimeout } from './engine.ts';
import type { Engine } from './engine.ts';

export interface LabExecResult {
  exitCode: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

/** Exit status of coreutils `timeout` when it had to stop the command. */
const TIMEOUT_STATUS = 124;

export async function execInContainer(
  engine: Engine,
  containerId: string,
  argv: readonly string[],
  timeoutMs: number,
  label: string,
): Promise<LabExecResult> {
  if (argv.length === 0) throw new Error('execInContainer: empty argv');
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  // `timeout` stops the command inside; the race below covers an engine that stops answering.
  const command = ['timeout', '--kill-after=5', `${seconds}s`, ...argv];
  const what = `${label}: ${JSON.stringify(argv[0])}`;
  let result;
  try {
    const container = engine.client.container.getById(containerId);
    result = await withTimeout(engine.client.container.exec(container, command), timeoutMs + 10_000, what);
  } catch (cause) {
    if (cause instanceof TimedOut) throw cause;
    throw new RemoteCommandFailed(
      `${what} could not run: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
  if (result.exitCode === TIMEOUT_STATUS) throw new TimedOut(`${what} did not finish within ${timeoutMs} ms`);
  return { exitCode: result.exitCode, output: result.output };
}
