// What a report says about the run itself: host, versions, times, profile and weakened verifications.
import { readFileSync } from 'node:fs';
import type { HttpsRoute } from '../config/types.ts';
import { toMillis } from './messages.ts';
import type { MessageEnvelope } from './messages.ts';

export interface RunMeta {
  host: string;
  runnerVersion: string;
  catalogVersion: string;
  /** ISO 8601 start of the run. */
  startedAt: string;
  durationMs: number;
  profile: string;
  /** --insecure: TLS certificates were not verified. */
  insecure: boolean;
  /** --accept-new-host-key: an unknown SSH host key was trusted on first use. */
  acceptNewHostKey: boolean;
  /** https.route: how the HTTPS checks reached nginx (absent from run-meta.json files older than it: direct). */
  httpsRoute: HttpsRoute;
}

/** How a report says the route: "direct from the runner" or "through the SSH connection". */
export function httpsRouteText(route: HttpsRoute): string {
  return route === 'ssh' ? 'through the SSH connection' : 'direct from the runner';
}

export interface Weakening {
  flag: string;
  warning: string;
}

/** Every verification the user switched off for this run, each with what it means. */
export function weakeningsOf(meta: RunMeta): Weakening[] {
  const weakenings: Weakening[] = [];
  if (meta.insecure) {
    weakenings.push({
      flag: '--insecure',
      warning: 'TLS certificates were NOT verified: the HTTPS results may come from another machine',
    });
  }
  if (meta.acceptNewHostKey) {
    weakenings.push({
      flag: '--accept-new-host-key',
      warning: 'an unknown SSH host key was trusted on first use: the host identity was NOT verified',
    });
  }
  return weakenings;
}

/** Start and duration of the run as cucumber recorded them (testRunStarted/testRunFinished). */
export function runTimesOf(envelopes: readonly MessageEnvelope[]): {
  startedAt?: string;
  durationMs?: number;
} {
  const started = envelopes.find((e) => e.testRunStarted)?.testRunStarted;
  const finished = envelopes.find((e) => e.testRunFinished)?.testRunFinished;
  if (!started) return {};
  const startMs = toMillis(started.timestamp);
  const startedAt = new Date(startMs).toISOString();
  return finished ? { startedAt, durationMs: toMillis(finished.timestamp) - startMs } : { startedAt };
}

/** Whether cucumber called the run a success (false when it never finished). */
export function runSucceededOf(envelopes: readonly MessageEnvelope[]): boolean {
  return envelopes.find((e) => e.testRunFinished)?.testRunFinished?.success ?? false;
}

/** The runner's version from package.json. */
export function runnerVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** "2026-11-28 02:00:00 UTC" from an ISO time; anything else is shown as given. */
export function formatStart(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "850 ms" / "1.2 s" / "2 min 05 s": durations as people read them in a header. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Completes what the caller knows of a run with what the message stream and package.json say. */
export function buildRunMeta(
  envelopes: readonly MessageEnvelope[],
  known: Partial<RunMeta> & { host: string },
): RunMeta {
  const times = runTimesOf(envelopes);
  return {
    runnerVersion: runnerVersion(),
    catalogVersion: 'unknown',
    profile: 'unknown',
    insecure: false,
    acceptNewHostKey: false,
    httpsRoute: 'direct',
    startedAt: times.startedAt ?? new Date(0).toISOString(),
    durationMs: times.durationMs ?? 0,
    ...(Object.fromEntries(Object.entries(known).filter(([, value]) => value !== undefined)) as typeof known),
  };
}
