// NSC-12 "The service is in the correct state after an upgrade of the slave machine" (static part, HA slaves only).
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { unitLine } from './evidence.ts';
import { decide, notApplicable, precheck, subject } from './outcome.ts';
import type { CheckResult } from './result.ts';
import { runningState } from './running.ts';

export function checkHaSlaveState(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-12');
  const early = precheck(facts, s, [{ section: 'meta' }, { section: 'units' }]);
  if (early) return early;
  if (!facts.wazoDisabled)
    return notApplicable(s, 'this host is not an HA slave: /var/lib/wazo/disabled is absent');
  if (service.haSlave === null) return notApplicable(s, 'the catalog gives no HA slave state for it');
  const state = runningState(facts, service);
  const evidence = [
    '/var/lib/wazo/disabled: present',
    unitLine(service.unit, state.props, ['ActiveState', 'SubState', 'ConditionResult']),
  ];
  const found = state.active ? 'running' : state.activeState;
  const ok = service.haSlave === 'running' ? state.active : !state.active;
  const gate = service.disabledGated
    ? ' (its unit is gated by ConditionPathExists=!/var/lib/wazo/disabled)'
    : '';
  const mismatches = ok ? [] : [`on an HA slave: expected ${service.haSlave}${gate}, found ${found}`];
  return decide(s, mismatches, evidence, `${service.haSlave} on an HA slave, as expected`);
}
