// Waits until the lab's systemd has finished booting: `running` is ready, `degraded` fails with the failed units.
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteCommandFailed, TimedOut } from '../errors.ts';

export type BootVerdict = 'ready' | 'failed' | 'waiting';

/** What an answer of `systemctl is-system-running` means for a lab that is booting. */
export function bootVerdict(answer: string): BootVerdict {
  const state = answer.trim();
  if (state === 'running') return 'ready';
  if (state === 'degraded' || state === 'maintenance') return 'failed';
  return 'waiting';
}

export interface BootProbe {
  /** Names the container in messages, e.g. `lab container wazo-lab-1a2b (0123456789ab)`. */
  readonly label: string;
  /** The answer of `systemctl is-system-running` (rejects while the container cannot run commands yet). */
  systemState(): Promise<string>;
  /** The listing of `systemctl --failed`, for the error when boot fails. */
  failedUnits(): Promise<string>;
  /** The listing of `systemctl list-jobs`, for the error when boot takes too long. */
  pendingJobs?(): Promise<string>;
}

/** Resolves with the milliseconds waited; rejects with TimedOut or RemoteCommandFailed naming the container. */
export async function waitUntilBooted(probe: BootProbe, timeoutMs: number, pollMs = 150): Promise<number> {
  const started = performance.now();
  let last = 'no answer yet';
  for (;;) {
    const elapsed = Math.round(performance.now() - started);
    try {
      last = (await probe.systemState()).trim() || '(empty)';
    } catch (cause) {
      last = `could not ask: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
    const verdict = bootVerdict(last);
    if (verdict === 'ready') return Math.round(performance.now() - started);
    if (verdict === 'failed') throw new RemoteCommandFailed(await bootFailure(probe, last, elapsed));
    if (performance.now() - started >= timeoutMs) {
      const expected = `${probe.label}: expected "systemctl is-system-running" to answer "running" within ${timeoutMs} ms`;
      throw new TimedOut(`${expected}; last answer: "${last}"${await jobsStillQueued(probe)}`);
    }
    await sleep(pollMs);
  }
}

async function jobsStillQueued(probe: BootProbe): Promise<string> {
  if (probe.pendingJobs === undefined) return '';
  try {
    const jobs = (await probe.pendingJobs()).trim();
    return jobs === '' ? '' : `; jobs still queued:\n${indent(jobs)}`;
  } catch {
    return '';
  }
}

async function bootFailure(probe: BootProbe, state: string, elapsedMs: number): Promise<string> {
  let listing: string;
  try {
    listing = (await probe.failedUnits()).trim() || '(systemctl --failed lists none)';
  } catch (cause) {
    listing = `(systemctl --failed could not run: ${cause instanceof Error ? cause.message : String(cause)})`;
  }
  return `${probe.label}: systemd answered "${state}" after ${elapsedMs} ms, expected "running"; failed units:\n${indent(listing)}`;
}

function indent(listing: string): string {
  return listing
    .split('\n')
    .map((line) => `  ${line.trim()}`)
    .join('\n');
}
