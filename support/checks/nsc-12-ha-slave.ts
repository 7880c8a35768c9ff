// NSC-12 "The service is in the correct state after an upgrade of the slave machine" (static part, HA slaves only).
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { unitLine } from './evidence.ts';
import { decide, notApplicable, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { runningState } from './running.ts';

export const DISABLED_FILE = '/var/lib/wazo/disabled';

/** The HA sentinel of a slave (wazo-platform/xivo-config:sbin/xivo-check-master-status@1dae1fad exits without it); wazo-upgrade keeps it. */
export const SECONDARY_FILE = '/var/lib/wazo/is-secondary';

export const NOT_A_SLAVE = `this host is not an HA slave: ${DISABLED_FILE} is absent`;

/** A slave without the disabled file runs everything on purpose (master down) or was just upgraded: no static rule. */
export const SLAVE_RUNNING_ALL =
  `this HA slave (${SECONDARY_FILE}) has no ${DISABLED_FILE}: it runs everything, as when its master is down ` +
  '(xivo-manage-slave-services start) or right after wazo-upgrade; the after-upgrade scenarios check the latter';

export function checkHaSlaveState(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-12');
  const early = precheck(facts, s, [{ section: 'meta' }, { section: 'units' }]);
  if (early) return early;
  if (!facts.wazoDisabled) return notApplicable(s, facts.wazoSecondary ? SLAVE_RUNNING_ALL : NOT_A_SLAVE);
  const expected = service.haSlave;
  if (expected === null) return notApplicable(s, 'the catalog gives no HA slave state for it');
  const state = runningState(facts, service);
  const evidence = [
    ...slaveHostLines(facts),
    unitLine(service.unit, state.props, ['ActiveState', 'SubState', 'ConditionResult']),
  ];
  return decide(s, slaveStateMismatches(facts, service, expected), evidence, slaveStateSummary(expected));
}

/**
 * What both NSC-12 checks expect on an HA slave, in one wording: the catalog's state for the daemon and, for the
 * daemons the disabled file gates, monit stopped - xivo-manage-slave-services stops and disables monit with them
 * (wazo-platform/xivo-config:sbin/xivo-manage-slave-services@1dae1fad), and a running monit would start the ones it supervises.
 */
export function slaveStateMismatches(
  facts: HostFacts,
  service: ServiceEntry,
  expected: 'running' | 'stopped',
): string[] {
  const state = runningState(facts, service);
  const mismatches: string[] = [];
  if ((expected === 'running') !== state.active) {
    const gate = service.disabledGated
      ? ` (its unit is gated by ${DISABLED_FILE}, which is ${flagState(facts)})`
      : '';
    const found = state.active ? 'running' : state.activeState;
    mismatches.push(`on an HA slave: expected ${expected}${gate}, found ${found}`);
  }
  if (service.disabledGated && facts.monit.running) {
    mismatches.push('on an HA slave: expected monit stopped, found running');
  }
  return mismatches;
}

export function slaveStateSummary(expected: 'running' | 'stopped'): string {
  return `${expected} on an HA slave, as expected`;
}

/** The host-wide evidence of both NSC-12 checks. */
export function slaveHostLines(facts: HostFacts): string[] {
  return [
    `${DISABLED_FILE}: ${flagState(facts)}`,
    `${SECONDARY_FILE}: ${facts.wazoSecondary ? 'present' : 'absent'}`,
    `monit: ${facts.monit.running ? 'running' : 'stopped'}`,
  ];
}

function flagState(facts: HostFacts): string {
  return facts.wazoDisabled ? 'present' : 'absent';
}
