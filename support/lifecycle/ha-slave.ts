// NSC-12 on an HA slave (ha-slave profile), also after wazo-upgrade removed the disabled file.
import type { ServiceEntry } from '../catalog/types.ts';
import {
  DISABLED_FILE,
  SECONDARY_FILE,
  slaveHostLines,
  slaveStateMismatches,
  slaveStateSummary,
} from '../checks/nsc-12-ha-slave.ts';
import { decide, notApplicable, precheck, subject } from '../checks/build-result.ts';
import type { CheckResult } from '../result.ts';
import type { HostFacts } from '../facts/types.ts';
import { daemonLine } from './compare.ts';
import { daemonState } from './host-state.ts';
import type { HostState } from './host-state.ts';

/**
 * Expected: the catalog's haSlave state and, for gated daemons, monit stopped - whatever the disabled file says now,
 * provided the host is a slave: its sentinel /var/lib/wazo/is-secondary or the disabled file is there now, or was when
 * `before` (the state recorded before the upgrade, or the --baseline) was taken. wazo-upgrade removes the disabled
 * file but not the sentinel.
 */
export function checkSlaveStateAfterUpgrade(
  facts: HostFacts,
  service: ServiceEntry,
  host: string,
  before?: Pick<HostState, 'wazoDisabled' | 'wazoSecondary'>,
): CheckResult {
  const s = subject(service, host, 'NSC-12');
  const early = precheck(facts, s, [{ section: 'meta' }, { section: 'units' }]);
  if (early) return early;
  const slave =
    facts.wazoDisabled ||
    facts.wazoSecondary ||
    before?.wazoDisabled === true ||
    before?.wazoSecondary === true;
  if (!slave) return notApplicable(s, notASlave(before));
  const expected = service.haSlave;
  if (expected === null) return notApplicable(s, 'the catalog gives no HA slave state for it');
  const evidence = [...slaveHostLines(facts), daemonLine(daemonState(facts, service), 'now')];
  if (before) evidence.unshift(`${DISABLED_FILE} before: ${before.wazoDisabled ? 'present' : 'absent'}`);
  return decide(s, slaveStateMismatches(facts, service, expected), evidence, slaveStateSummary(expected));
}

function notASlave(before: Pick<HostState, 'wazoDisabled'> | undefined): string {
  const files = `${DISABLED_FILE} and ${SECONDARY_FILE} are absent`;
  const then = before
    ? 'and were absent when the state before the upgrade was recorded'
    : 'and no state recorded before the upgrade (--baseline) says otherwise';
  return `this host is not an HA slave: ${files}, ${then}`;
}
