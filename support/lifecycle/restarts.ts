// Restart-loop and reboot detection shared by the after-reboot and after-upgrade comparisons.
import type { DaemonState, HostState } from './host-state.ts';

/** More automatic restarts than this since the baseline (or the boot) is a restart loop. */
export const MAX_NEW_RESTARTS = 2;

/** A loop in progress (waiting to restart) or too many automatic restarts; undefined when neither. */
export function restartLoop(now: DaemonState, before: DaemonState | undefined): string | undefined {
  if (now.subState === 'auto-restart') {
    return `unit ${now.unit}: expected running steadily, found waiting to restart (SubState=auto-restart, NRestarts=${now.nRestarts ?? '?'})`;
  }
  if (now.nRestarts === null) return undefined;
  const base = before?.nRestarts ?? 0;
  const grew = now.nRestarts - (now.nRestarts >= base ? base : 0);
  if (grew <= MAX_NEW_RESTARTS) return undefined;
  const since = before?.nRestarts === null || before === undefined ? '' : ` (baseline ${base})`;
  return `unit ${now.unit}: expected at most ${MAX_NEW_RESTARTS} automatic restarts, found NRestarts=${now.nRestarts}${since}: restarting in a loop`;
}

/**
 * How long the destructive scenarios watch the daemons once the host is back: three times Wazo's RestartSec=5
 * (e.g. wazo-platform/wazo-confd:debian/wazo-confd.service@4086b2e45), so a daemon that dies at start is restarted at least twice while we look, even if the
 * single look right after the boot found it in its first, still-running attempt.
 */
export const STEADY_WINDOW_MS = 15_000;

/** The same daemon seen twice, windowS apart: a new main process or more restarts in between is a restart loop. */
export function unsteady(now: DaemonState, earlier: DaemonState, windowS: number): string | undefined {
  const restarts = (now.nRestarts ?? 0) - (earlier.nRestarts ?? 0);
  const newProcess = earlier.active && now.active && now.mainPid !== earlier.mainPid;
  if (restarts <= 0 && !newProcess) return undefined;
  return (
    `unit ${now.unit}: expected running steadily over ${windowS} s, found MainPID ${earlier.mainPid} -> ${now.mainPid}, ` +
    `NRestarts ${earlier.nRestarts ?? '?'} -> ${now.nRestarts ?? '?'}: restarting`
  );
}

export interface RebootEvidence {
  rebooted: boolean;
  /** One line: what PID 1 and the boot id say. */
  how: string;
}

/** PID 1 started later, or the boot id changed (a container keeps the host's boot id: PID 1 decides there). */
export function rebootSince(before: HostState, now: HostState): RebootEvidence {
  const pid1 =
    before.pid1StartedAt !== null && now.pid1StartedAt !== null && now.pid1StartedAt > before.pid1StartedAt;
  const boot = before.bootId !== null && now.bootId !== null && before.bootId !== now.bootId;
  const how =
    `PID 1 started at ${stamp(before.pid1StartedAt)} before, ${stamp(now.pid1StartedAt)} now; ` +
    `boot id ${before.bootId === now.bootId ? 'unchanged' : 'changed'}`;
  return { rebooted: pid1 || boot, how };
}

export function stamp(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'unknown';
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
