// NSC-10 "The service is correctly started on a reboot" (static part): the unit is enabled for multi-user.target.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { unitLine } from './evidence.ts';
import { decide, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export function checkStartsOnBoot(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-10');
  const early = precheck(facts, s, [{ section: 'units' }]);
  if (early) return early;
  const props = facts.units.get(service.unit);
  const evidence = [unitLine(service.unit, props, ['LoadState', 'UnitFileState', 'WantedBy'])];
  if (props?.['LoadState'] !== 'loaded') {
    return decide(
      s,
      [`unit ${service.unit}: expected loaded, found ${props?.['LoadState'] ?? 'unknown to systemd'}`],
      evidence,
      '',
    );
  }
  const mismatches: string[] = [];
  const state = props['UnitFileState'] ?? '';
  if (state !== 'enabled')
    mismatches.push(`unit ${service.unit}: expected enabled, found ${state || 'no state'}`);
  const wantedBy = (props['WantedBy'] ?? '').split(/\s+/).filter(Boolean);
  if (!wantedBy.includes('multi-user.target')) {
    mismatches.push(
      `unit ${service.unit} WantedBy=: expected multi-user.target, found ${wantedBy.join(' ') || 'nothing'}`,
    );
  }
  return decide(s, mismatches, evidence, 'enabled, wanted by multi-user.target');
}
