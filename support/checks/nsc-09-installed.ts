// NSC-09 "The service is correctly installed on a fresh install" (daily-safe part): package, unit, user, files.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { packageLine, statLine, unitLine } from './evidence.ts';
import { decide, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export function checkInstalled(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-09');
  const paths = [...service.configPaths, ...service.logFiles];
  const needs = [
    { section: 'dpkg' },
    { section: 'units' },
    { section: 'passwd' },
    { section: 'stat', keys: paths },
  ];
  const early = precheck(facts, s, needs);
  if (early) return early;
  const info = facts.packages.get(service.package);
  const props = facts.units.get(service.unit);
  const evidence = [
    packageLine(info, service.package),
    unitLine(service.unit, props, ['LoadState', 'UnitFileState']),
  ];
  const mismatches: string[] = [];
  if (info?.status !== 'install ok installed') {
    mismatches.push(
      `package ${service.package}: expected install ok installed, found ${info?.status || 'not installed'}`,
    );
  }
  if (props?.['LoadState'] !== 'loaded')
    mismatches.push(
      `unit ${service.unit}: expected loaded, found ${props?.['LoadState'] ?? 'unknown to systemd'}`,
    );
  else if (props['UnitFileState'] !== 'enabled')
    mismatches.push(`unit ${service.unit}: expected enabled, found ${props['UnitFileState'] || 'no state'}`);
  if (!facts.passwd.has(service.user))
    mismatches.push(`user ${service.user}: expected present in passwd, found absent`);
  for (const path of paths) {
    const stat = facts.files.get(path);
    evidence.push(statLine(stat, path));
    if (!stat?.exists) mismatches.push(`${path}: expected present, found absent`);
  }
  return decide(
    s,
    mismatches,
    evidence,
    `package ${info?.version ?? ''} installed, unit enabled, user, config and log files present`,
  );
}
