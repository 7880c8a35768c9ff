// What changed between two fleet runs, keyed by (host name, daemon, item): new failures, fixed, still failing.
import type { CheckStatus } from '../result.ts';
import type { ReportRow } from './collect.ts';
import { wasReached } from './fleet-record.ts';
import type { FleetHostResults, FleetResults } from './fleet-record.ts';

/** The daemon and item of a host-level change: the host could not be reached at all. */
export const HOST_LEVEL = { daemon: '*', item: 'connect' } as const;

export interface FleetChange {
  host: string;
  daemon: string;
  item: string;
  /** The outcome now ('absent' when the key is not in this run; 'unreachable'/'interrupted' at host level). */
  now: string;
  before: string;
  /** The message of the bad side: now for new and still failing, before for fixed. */
  message: string;
}

export interface FleetComparison {
  version: 1;
  previous: { startedAt: string; finishedAt: string };
  current: { startedAt: string; finishedAt: string };
  newFailures: FleetChange[];
  fixed: FleetChange[];
  stillFailing: FleetChange[];
  /** Host names only in the current run (their failures are new failures too: nobody saw them before). */
  addedHosts: string[];
  /** Host names only in the previous run. */
  removedHosts: string[];
}

interface KeyState {
  daemon: string;
  item: string;
  status: string;
  bad: boolean;
  message: string;
}

const SEVERITY: readonly CheckStatus[] = ['failed', 'not-checked', 'waived', 'passed', 'not-applicable'];
const GOOD: readonly string[] = ['passed', 'waived', 'not-applicable'];

/**
 * Bad is failed or not-checked. New failure: bad now and absent or not bad before. Fixed: bad before and now
 * passed, waived or not applicable. Still failing: bad in both. A host never reached (no results) has one
 * host-level key (daemon '*', item 'connect'), bad; a reached host has it good. The daemon keys of a host not
 * reached in one run are unknown there: never fixed by it, and new failures when it is reached again.
 */
export function compareFleets(previous: FleetResults, current: FleetResults): FleetComparison {
  const before = new Map(previous.hosts.map((host) => [host.record.name, host]));
  const now = new Map(current.hosts.map((host) => [host.record.name, host]));
  const comparison: FleetComparison = {
    version: 1,
    previous: { startedAt: previous.record.startedAt, finishedAt: previous.record.finishedAt },
    current: { startedAt: current.record.startedAt, finishedAt: current.record.finishedAt },
    newFailures: [],
    fixed: [],
    stillFailing: [],
    addedHosts: current.hosts.filter((h) => !before.has(h.record.name)).map((h) => h.record.name),
    removedHosts: previous.hosts.filter((h) => !now.has(h.record.name)).map((h) => h.record.name),
  };
  for (const host of current.hosts) {
    const earlier = before.get(host.record.name);
    const nowStates = statesOf(host);
    const beforeStates = earlier ? statesOf(earlier) : new Map<string, KeyState>();
    for (const [key, state] of nowStates) {
      const old = beforeStates.get(key);
      if (!state.bad) continue;
      const change = toChange(host.record.name, state, state, old);
      if (old?.bad) comparison.stillFailing.push(change);
      else comparison.newFailures.push(change);
    }
    for (const [key, old] of beforeStates) {
      const state = nowStates.get(key);
      if (old.bad && state && GOOD.includes(state.status))
        comparison.fixed.push(toChange(host.record.name, old, state, old));
    }
  }
  return comparison;
}

function toChange(
  host: string,
  bad: KeyState,
  now: KeyState | undefined,
  before: KeyState | undefined,
): FleetChange {
  return {
    host,
    daemon: bad.daemon,
    item: bad.item,
    now: now?.status ?? 'absent',
    before: before?.status ?? 'absent',
    message: bad.message,
  };
}

function statesOf(host: FleetHostResults): Map<string, KeyState> {
  const states = new Map<string, KeyState>();
  if (!wasReached(host)) {
    const { daemon, item } = HOST_LEVEL;
    const reason = host.record.reason ?? `the host was ${host.record.outcome}`;
    const code = host.record.errorCode ? ` [${host.record.errorCode}]` : '';
    states.set(keyOf(daemon, item), {
      daemon,
      item,
      status: host.record.outcome,
      bad: true,
      message: `${host.record.outcome}${code}: ${reason}`,
    });
    return states;
  }
  const groups = new Map<string, ReportRow[]>();
  for (const row of host.rows) {
    const key = keyOf(row.service, row.item);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, rows] of groups) {
    const worst = SEVERITY.map((s) => rows.find((row) => row.status === s)).find((row) => row !== undefined);
    if (!worst) continue;
    states.set(key, {
      daemon: worst.service,
      item: worst.item,
      status: worst.status,
      bad: worst.status === 'failed' || worst.status === 'not-checked',
      message: worst.message,
    });
  }
  // Checked now: the host-level key is good, so an earlier unreachable host shows as fixed.
  states.set(keyOf(HOST_LEVEL.daemon, HOST_LEVEL.item), {
    ...HOST_LEVEL,
    status: 'passed',
    bad: false,
    message: 'the host was reached',
  });
  return states;
}

function keyOf(daemon: string, item: string): string {
  return `${daemon}\u0000${item}`;
}
