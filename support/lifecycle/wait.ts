// Bounded polling: waits for a condition and, on timeout, says what it awaited, for how long and what it saw last.
import { setTimeout as sleep } from 'node:timers/promises';
import { monitSilence } from '../checks/nsc-08-supervision.ts';
import { TimedOut } from '../errors.ts';
import type { HostFacts } from '../facts/types.ts';
import { STEADY_WINDOW_MS } from './restarts.ts';

export interface WaitOptions<T> {
  /** "SSH to reconnect to lab-1", for the message. */
  what: string;
  timeoutMs: number;
  intervalMs: number;
  /** How the last observation reads in the message. */
  describe: (seen: T) => string;
  now?: () => number;
  /** Waits between probes (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/** Probes until done(seen); a probe that throws counts as an observation (its message is what was seen). */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (seen: T) => boolean,
  options: WaitOptions<T>,
): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const pause = options.sleep ?? ((ms: number) => sleep(ms));
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
    await pause(Math.min(options.intervalMs, Math.max(1, options.timeoutMs - elapsed)));
  }
}

/** Wazo's monitrc: `set daemon 120 with start delay 45` (wazo-platform/wazo-monitoring:etc/monit/monitrc.tmpl). */
export const MONIT_START_DELAY_S = 45;

/** How long after a boot monit may stay silent before NSC-08 says so: its start delay plus the lifecycle window. */
export const MONIT_BOOT_ALLOWANCE_S = MONIT_START_DELAY_S + STEADY_WINDOW_MS / 1000;

export interface MonitPatience {
  sleep: (ms: number) => Promise<void>;
  /** Between two looks; a snapshot takes 1-2 s. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * The reason monit's view cannot be judged yet (not answering, or a check before its first cycle), else undefined;
 * also undefined when `monit status` could not be read at all (e.g. without root): waiting would not change that.
 */
export function monitQuiet(facts: Pick<HostFacts, 'monit' | 'errors'>): string | undefined {
  if (facts.errors.some((e) => e.section === 'monit')) return undefined;
  const { monit } = facts;
  return (
    monitSilence(monit, '', undefined) ??
    monit.processes.map((p) => monitSilence(monit, p.name, p)).find((why) => why !== undefined)
  );
}

/**
 * Right after a boot monit may not answer yet. While the host is less than MONIT_BOOT_ALLOWANCE_S past its boot (by
 * its own clock: PID 1's start and the snapshot's time), the facts are looked at again until monit answers; the last
 * look is returned either way (NSC-08 then says "monit not answering", never "no such check"). A host booted longer
 * ago, or facts without those times, are returned as they are.
 */
export async function untilMonitAnswers(
  first: HostFacts,
  lookAgain: () => Promise<HostFacts>,
  patience: MonitPatience,
): Promise<HostFacts> {
  if (first.pid1StartedAt === undefined || first.hostTime === undefined) return first;
  const leftS = first.pid1StartedAt + MONIT_BOOT_ALLOWANCE_S - first.hostTime;
  const budgetMs = Math.min(leftS, MONIT_BOOT_ALLOWANCE_S) * 1000;
  if (budgetMs <= 0 || monitQuiet(first) === undefined) return first;
  const intervalMs = Math.min(patience.intervalMs ?? 5_000, budgetMs);
  let last = first;
  await patience.sleep(intervalMs);
  try {
    return await waitFor(
      async () => (last = await lookAgain()),
      (facts) => monitQuiet(facts) === undefined,
      {
        what: `monit to answer within ${MONIT_BOOT_ALLOWANCE_S} s of the boot`,
        timeoutMs: Math.max(1, budgetMs - intervalMs),
        intervalMs,
        describe: (facts) => monitQuiet(facts) ?? 'answering',
        sleep: patience.sleep,
        ...(patience.now ? { now: patience.now } : {}),
      },
    );
  } catch (error) {
    if (error instanceof TimedOut) return last;
    throw error;
  }
}
