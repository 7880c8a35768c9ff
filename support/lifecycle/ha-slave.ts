// NSC-12 on a host the user declares an HA slave (ha-slave profile), also after wazo-upgrade removed the disabled file.
import type { ServiceEntry } from '../catalog/types.ts';
import { decide, notApplicable, precheck, subject } from '../checks/outcome.ts';
import type { CheckResult } from '../checks/result.ts';
import type { HostFacts } from '../facts/types.ts';
import { daemonLine } from './compare.ts';
import { daemonState } from './host-state.ts';

export const DISABLED_FILE = '/var/lib/wazo/disabled';

/** Expected: the catalog's haSlave state and, on the host, monit stopped; whatever the disabled file says now. */
export function checkSlaveStateAfterUpgrade(
  facts: HostFacts,
  service: ServiceEntry,
  host: string,
): CheckResult {
  const s = subject(service, host, 'NSC-12');
  const early = precheck(facts, s, [{ section: 'meta' }, { section: 'units' }]);
  if (early) return early;
  if (service.haSlave === null) return notApplicable(s, 'the catalog gives no HA slave state for it');
  const now = daemonState(facts, service);
  const flag = `${DISABLED_FILE}: ${facts.wazoDisabled ? 'present' : 'absent'}`;
  const evidence = [flag, daemonLine(now, 'now'), `monit: ${facts.monit.running ? 'running' : 'stopped'}`];
  const problems: string[] = [];
  const found = now.active ? 'running' : now.activeState;
  if ((service.haSlave === 'running') !== now.active) {
    const gate = service.disabledGated
      ? ` (its unit is gated by ${DISABLED_FILE}, which is ${facts.wazoDisabled ? 'present' : 'absent'})`
      : '';
    problems.push(`on an HA slave: expected ${service.haSlave}${gate}, found ${found}`);
  }
  if (service.disabledGated && facts.monit.running) {
    problems.push('on an HA slave: expected monit stopped, found running');
  }
  return decide(s, problems, evidence, `${service.haSlave} on an HA slave, as expected`);
}
