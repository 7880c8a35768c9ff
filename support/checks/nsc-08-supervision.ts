// NSC-08 "The service is monitored by monit": a monitored monit check, or Restart=on-failure where Wazo moved to systemd.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts, MonitProcess, MonitStatus } from '../facts/types.ts';
import { unitLine } from './evidence.ts';
import { decide, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

const RESTARTING = ['on-failure', 'always', 'on-abnormal'];

export function checkSupervision(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-08');
  const needs =
    service.supervision === 'systemd-restart'
      ? [{ section: 'units' }]
      : // meta says whether a monit process runs: what tells a silent monit from an absent one.
        [{ section: 'units' }, { section: 'monit' }, { section: 'meta' }];
  const early = precheck(facts, s, needs);
  if (early) return early;
  const restart = facts.units.get(service.unit)?.['Restart'] ?? '';
  const monitName = service.monit ?? service.name;
  const check = facts.monit.processes.find((p) => p.name === monitName);
  const evidence = [
    unitLine(service.unit, facts.units.get(service.unit), ['Restart']),
    monitLine(facts.monit.running, monitName, check, facts.monit.error),
  ];
  switch (service.supervision) {
    case 'systemd-restart': {
      const ok = RESTARTING.includes(restart);
      const mismatches = ok ? [] : [`unit Restart=: expected on-failure, found ${restart || 'no'}`];
      return decide(
        s,
        mismatches,
        evidence,
        `supervised by systemd (Restart=${restart}) instead of monit, as Wazo does since 2020`,
      );
    }
    case 'monit': {
      const silent = monitSilence(facts.monit, monitName, check);
      if (silent) return notChecked(s, silent, evidence, 'ENDPOINT_UNREACHABLE');
      return decide(
        s,
        monitMismatches(facts.monit.running, monitName, check, facts.monit.error),
        evidence,
        `monit monitors Process '${monitName}'`,
      );
    }
    case 'none': {
      if (RESTARTING.includes(restart))
        return decide(s, [], evidence, `supervised by systemd (Restart=${restart})`);
      if (check && monitMismatches(facts.monit.running, monitName, check).length === 0) {
        return decide(s, [], evidence, `monit monitors Process '${monitName}'`);
      }
      const silent = monitSilence(facts.monit, monitName, check);
      if (silent) {
        const why = `${silent}; the systemd part did not pass (Restart=${restart || 'no'})`;
        return notChecked(s, why, evidence, 'ENDPOINT_UNREACHABLE');
      }
      const mismatches = [
        `supervision: expected monit Process '${monitName}' or unit Restart=on-failure, found neither (Restart=${restart || 'no'}, ${check ? `monit ${describe(check)}` : 'no monit check'})`,
      ];
      return decide(s, mismatches, evidence, '');
    }
  }
}

/**
 * Why monit's view cannot be judged yet: its process runs but `monit status` gets no answer (Wazo's monitrc holds
 * monit back for 45 s after a start: `set daemon 120 with start delay 45`, wazo-platform/wazo-monitoring:
 * etc/monit/monitrc.tmpl), or the check has not had its first cycle. undefined when monit answered.
 */
export function monitSilence(
  monit: MonitStatus,
  name: string,
  check: MonitProcess | undefined = monit.processes.find((p) => p.name === name),
): string | undefined {
  if (monit.running && monit.error !== undefined) {
    return `monit not answering: ${monit.error} (a monit process runs, e.g. still in its start delay)`;
  }
  if (check && /^initializing$/i.test(check.monitoringStatus ?? '')) {
    return `monit not answering for Process '${name}' yet: monitoring status Initializing (its first cycle has not run)`;
  }
  return undefined;
}

function monitMismatches(
  running: boolean,
  name: string,
  check: MonitProcess | undefined,
  error?: string,
): string[] {
  if (!running) return [`monit: expected running, found not running${error ? ` (${error})` : ''}`];
  if (!check) return [`monit: expected Process '${name}' monitored, found no such check`];
  const state = check.monitoringStatus ?? 'Monitored';
  if (!/^monitored$/i.test(state)) return [`monit Process '${name}': expected monitored, found ${state}`];
  return [];
}

function describe(check: MonitProcess): string {
  return `Process '${check.name}' ${check.monitoringStatus ?? check.status}`;
}

function monitLine(running: boolean, name: string, check: MonitProcess | undefined, error?: string): string {
  if (!running) return `monit: not running${error ? ` (${error})` : ''}`;
  if (!check) return `monit: no Process '${name}'`;
  return `monit: Process '${check.name}' status=${check.status} monitoring=${check.monitoringStatus ?? '?'}`;
}
