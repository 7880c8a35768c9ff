// NSC-10 after a reboot and NSC-11 after wazo-upgrade: the daemon's state now against the baseline (pure).
import type { ServiceEntry } from '../catalog/types.ts';
import { decide, notApplicable, notChecked, passed, precheck, subject } from '../checks/build-result.ts';
import type { Subject } from '../checks/build-result.ts';
import type { CheckResult } from '../result.ts';
import type { HostFacts } from '../facts/types.ts';
import type { DaemonState, HostState } from './host-state.ts';
import { daemonState, hostStateFrom } from './host-state.ts';
import { rebootSince, restartLoop, stamp, unsteady } from './restarts.ts';

/** PID 1's time (stat of /proc/1) may trail the first units' starts by seconds: units started this early count as at boot. */
export const BOOT_SLACK_S = 60;

export interface UpgradeExpectation {
  /** The package version every upgraded daemon must have; absent = any version other than the baseline's. */
  version?: string;
}

/** An earlier look at the host (windowS seconds before the facts checked), to catch a loop between two looks. */
export interface Observation {
  earlier: HostFacts;
  windowS: number;
}

function steadiness(now: DaemonState, service: ServiceEntry, observed: Observation | undefined) {
  if (!observed) return { problems: [], evidence: [] };
  const earlier = daemonState(observed.earlier, service);
  const problem = unsteady(now, earlier, observed.windowS);
  return {
    problems: problem ? [problem] : [],
    evidence: [daemonLine(earlier, `${observed.windowS} s earlier`)],
  };
}

/** A loop seen in one look, else one seen between two looks; at most one line. */
function loopProblems(now: DaemonState, before: DaemonState | undefined, unsteadyLines: string[]): string[] {
  const loop = restartLoop(now, before);
  return loop ? [loop] : unsteadyLines.slice(0, 1);
}

export function daemonLine(d: DaemonState | undefined, when: string): string {
  if (!d) return `${when}: not in the baseline`;
  return (
    `${when}: unit ${d.unit} ActiveState=${d.activeState} SubState=${d.subState} UnitFileState=${d.enabled} ` +
    `MainPID=${d.mainPid} started=${stamp(d.startedAt)} NRestarts=${d.nRestarts ?? '?'} ` +
    `package ${d.package}=${d.version ?? 'not installed'}`
  );
}

function baselineOf(baseline: HostState, service: ServiceEntry): DaemonState | undefined {
  return baseline.daemons.find((d) => d.service === service.name);
}

function mustRun(now: DaemonState): string[] {
  const problems: string[] = [];
  if (!now.active) problems.push(`unit ${now.unit}: expected active, found ${now.activeState}`);
  if (now.enabled !== 'enabled')
    problems.push(`unit ${now.unit}: expected enabled, found ${now.enabled || 'no state'}`);
  return problems;
}

function startedAfter(now: DaemonState, after: number | null, event: string): string[] {
  if (!now.active || after === null) return [];
  if (now.startedAt === null)
    return [`unit ${now.unit}: expected started after ${event}, found no start time`];
  if (now.startedAt >= after) return [];
  return [
    `unit ${now.unit}: expected started after ${event} (${stamp(after)}), found started at ${stamp(now.startedAt)}`,
  ];
}

function noBaselineCheck(
  s: Subject,
  now: DaemonState,
  facts: HostFacts,
  event: string,
  observed: Observation | undefined,
): CheckResult {
  const boot = facts.pid1StartedAt === undefined ? null : facts.pid1StartedAt - BOOT_SLACK_S;
  const steady = steadiness(now, s.service, observed);
  const problems = [...mustRun(now), ...startedAfter(now, boot, 'the boot')];
  problems.push(...loopProblems(now, undefined, steady.problems));
  const evidence = [
    ...steady.evidence,
    daemonLine(now, 'now'),
    `PID 1 started at ${stamp(facts.pid1StartedAt)}`,
  ];
  const unknown = `no baseline (--baseline): whether ${s.service.name} ran before ${event} is unknown`;
  return partly(s, problems, evidence, unknown, 'enabled, active, started after the boot, not restarting');
}

/** Failed on any problem; else not checked for what needed the unseen fact, naming the part that passed. */
function partly(
  s: Subject,
  problems: readonly string[],
  evidence: readonly string[],
  unknown: string,
  passedPart: string,
): CheckResult {
  if (problems.length > 0) return decide(s, problems, evidence, '');
  return notChecked(s, `${unknown}; the part that needs no baseline passed: ${passedPart}`, evidence);
}

/** NSC-10 after a reboot; without a baseline it checks what it can and says what it could not. */
export function checkAfterReboot(
  facts: HostFacts,
  service: ServiceEntry,
  host: string,
  baseline: HostState | undefined,
  observed?: Observation,
): CheckResult {
  const s = subject(service, host, 'NSC-10');
  const early = precheck(facts, s, [{ section: 'meta' }, { section: 'units' }, { section: 'processes' }]);
  if (early) return early;
  const now = daemonState(facts, service);
  if (!baseline) return noBaselineCheck(s, now, facts, 'the reboot', observed);
  const reboot = rebootSince(baseline, hostStateFrom(facts, [], host));
  if (!reboot.rebooted) {
    return notChecked(
      s,
      `the host was not rebooted since the baseline of ${baseline.takenAt}: ${reboot.how}`,
    );
  }
  const before = baselineOf(baseline, service);
  const steady = steadiness(now, service, observed);
  const evidence = [daemonLine(before, 'baseline'), ...steady.evidence, daemonLine(now, 'now'), reboot.how];
  if (!before?.active) {
    // Not running before does not excuse a loop now.
    const looping = loopProblems(now, undefined, steady.problems);
    if (looping.length > 0) return decide(s, looping, evidence, '');
    return didNotRunBefore(s, before, now, evidence, 'the reboot');
  }
  // The baseline's clock, not PID 1's: /proc/1's time in a container and ps's elapsed seconds disagree by seconds.
  const problems = [
    ...mustRun(now),
    ...startedAfter(now, baseline.hostTime, 'the baseline, before the reboot'),
  ];
  problems.push(...loopProblems(now, undefined, steady.problems));
  return decide(s, problems, evidence, `ran before the reboot and runs again, started after it`);
}

/** NSC-11 after wazo-upgrade: ran before -> runs again, restarted since the baseline, on a new version. */
export function checkAfterUpgrade(
  facts: HostFacts,
  service: ServiceEntry,
  host: string,
  baseline: HostState | undefined,
  expect: UpgradeExpectation = {},
  observed?: Observation,
): CheckResult {
  const s = subject(service, host, 'NSC-11');
  const early = precheck(facts, s, [{ section: 'units' }, { section: 'processes' }, { section: 'dpkg' }]);
  if (early) return early;
  const now = daemonState(facts, service);
  if (!baseline) return noBaselineUpgrade(s, now, facts, expect, observed);
  const before = baselineOf(baseline, service);
  const steady = steadiness(now, service, observed);
  const evidence = [daemonLine(before, 'baseline'), ...steady.evidence, daemonLine(now, 'now')];
  const problems = versionProblems(now, before, expect);
  if (!before?.active) {
    problems.push(...loopProblems(now, before, steady.problems));
    return problems.length > 0
      ? decide(s, problems, evidence, '')
      : didNotRunBefore(s, before, now, evidence, 'the upgrade');
  }
  problems.unshift(...mustRun(now), ...startedAfter(now, baseline.hostTime, 'the baseline'));
  if (now.active && before.startedAt !== null && now.startedAt === before.startedAt) {
    problems.push(
      `unit ${now.unit}: expected restarted by the upgrade, found the same process (MainPID=${now.mainPid})`,
    );
  }
  problems.push(...loopProblems(now, before, steady.problems));
  return decide(s, problems, evidence, `restarted after the upgrade on version ${now.version ?? '?'}`);
}

function versionProblems(
  now: DaemonState,
  before: DaemonState | undefined,
  expect: UpgradeExpectation,
): string[] {
  const pkg = `package ${now.package}`;
  if (now.version === null) return [`${pkg}: expected installed, found not installed`];
  if (expect.version !== undefined) {
    return now.version === expect.version
      ? []
      : [`${pkg}: expected version ${expect.version}, found ${now.version}`];
  }
  if (before?.version !== undefined && before.version !== null && before.version === now.version) {
    return [`${pkg}: expected a version other than the baseline's ${before.version}, found ${now.version}`];
  }
  return [];
}

function noBaselineUpgrade(
  s: Subject,
  now: DaemonState,
  facts: HostFacts,
  expect: UpgradeExpectation,
  observed: Observation | undefined,
): CheckResult {
  const steady = steadiness(now, s.service, observed);
  const problems = [...mustRun(now), ...versionProblems(now, undefined, expect)];
  problems.push(...loopProblems(now, undefined, steady.problems));
  const evidence = [
    ...steady.evidence,
    daemonLine(now, 'now'),
    `PID 1 started at ${stamp(facts.pid1StartedAt)}`,
  ];
  const unknown =
    `no baseline (--baseline): whether ${s.service.name} ran before the upgrade, was restarted by it` +
    (expect.version === undefined ? ' and changed version is unknown' : ' is unknown');
  const version =
    expect.version === undefined ? `version ${now.version ?? '?'}` : `version ${expect.version} as expected`;
  return partly(s, problems, evidence, unknown, `enabled, active, not restarting, ${version}`);
}

/** The baseline shows the daemon stopped (or lacks it): nothing to compare with, unless it runs now. */
function didNotRunBefore(
  s: Subject,
  before: DaemonState | undefined,
  now: DaemonState,
  evidence: string[],
  event: string,
): CheckResult {
  if (before === undefined) {
    return notChecked(
      s,
      `the baseline has no record of ${s.service.name}, so whether it ran before ${event} is unknown`,
      evidence,
    );
  }
  if (s.service.oneShot && !now.active) {
    return notApplicable(
      s,
      `${s.service.name} stops itself once its job is done and did not run before ${event}`,
      evidence,
    );
  }
  if (!now.active) {
    return notApplicable(
      s,
      `${s.service.name} did not run before ${event} (baseline: ${before.activeState}) and does not run now (${now.activeState})`,
      evidence,
    );
  }
  return passed(s, `did not run before ${event} and runs now`, evidence);
}
