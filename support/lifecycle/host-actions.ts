// The two destructive actions: reboot the host and wait until it is back, run wazo-upgrade. Only with --allow-destructive.
import { RemoteCommandFailed } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { waitFor } from './wait.ts';

export const REBOOT_TIMEOUT_MS = 10 * 60_000;
export const UPGRADE_TIMEOUT_MS = 60 * 60_000;
const SETTLED = new Set(['running', 'degraded']);

export interface RebootDependencies {
  /** A fresh connection; a refused or timed-out attempt is retried until the bound. */
  connect: () => Promise<RemoteHost>;
  timeoutMs?: number;
  intervalMs?: number;
}

/** systemctl reboot, then a new connection once SSH answers and systemd has settled; returns it (the old one is dead). */
export async function rebootAndWait(remote: RemoteHost, deps: RebootDependencies): Promise<RemoteHost> {
  const timeoutMs = deps.timeoutMs ?? REBOOT_TIMEOUT_MS;
  const intervalMs = deps.intervalMs ?? 2_000;
  // The channel may die with the host before it reports an exit status: its outcome says nothing.
  await remote.exec(['systemctl', 'reboot'], { timeoutMs: 15_000 }).catch(() => undefined);
  await remote.close().catch(() => undefined);
  const started = performance.now();
  const fresh = await waitFor(deps.connect, () => true, {
    what: `${remote.label} to accept SSH again after systemctl reboot`,
    timeoutMs,
    intervalMs,
    describe: () => 'connected',
  });
  const left = Math.max(1, timeoutMs - Math.round(performance.now() - started));
  await waitFor(
    async () => (await fresh.exec(['systemctl', 'is-system-running'], { timeoutMs: 15_000 })).stdout.trim(),
    (state) => SETTLED.has(state),
    {
      what: `systemd on ${remote.label} to settle (running or degraded) after the reboot`,
      timeoutMs: left,
      intervalMs,
      describe: (state) => `is-system-running=${state || 'no answer'}`,
    },
  );
  return fresh;
}

export interface UpgradeOutcome {
  code: number | null;
  /** The last lines of its output, as evidence. */
  tail: string[];
}

/** Runs wazo-upgrade -f (no confirmation); a non-zero exit is returned (evidence), a lost host is thrown. */
export async function runWazoUpgrade(
  remote: RemoteHost,
  timeoutMs = UPGRADE_TIMEOUT_MS,
): Promise<UpgradeOutcome> {
  const result = await remote.exec(['wazo-upgrade', '-f'], { timeoutMs });
  const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15);
  if (result.code === 127) {
    throw new RemoteCommandFailed(`wazo-upgrade is not installed on ${remote.label}: ${tail.at(-1) ?? ''}`);
  }
  return { code: result.code, tail };
}
