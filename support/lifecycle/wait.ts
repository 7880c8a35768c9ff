// Bounded polling: waits for a condition and, on timeout, says what it awaited, for how long and what it saw last.
import { setTimeout as sleep } from 'node:timers/promises';
import { TimedOut } from '../errors.ts';

export interface WaitOptions<T> {
  /** "SSH to reconnect to lab-1", for the message. */
  what: string;
  timeoutMs: number;
  intervalMs: number;
  /** How the last observation reads in the message. */
  describe: (seen: T) => string;
  now?: () => number;
}

/** Probes until done(seen); a probe that throws counts as an observation (its message is what was seen). */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (seen: T) => boolean,
  options: WaitOptions<T>,
): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let last = 'nothing yet';
  for (;;) {
    try {
      const seen = await probe();
      if (done(seen)) return seen;
      last = options.describe(seen);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    const elapsed = Math.round(now() - started);
    if (elapsed >= options.timeoutMs) {
      throw new TimedOut(
        `expected ${options.what} within ${options.timeoutMs} ms; waited ${elapsed} ms, last seen: ${last}`,
      );
    }
    await sleep(Math.min(options.intervalMs, Math.max(1, options.timeoutMs - elapsed)));
  }
}
