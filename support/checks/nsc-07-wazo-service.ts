// NSC-07 "The service is added to wazo-service if necessary": `wazo-service status` lists it.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { decide, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export function checkWazoServiceListing(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-07');
  const early = precheck(facts, s, [{ section: 'wazo-service' }]);
  if (early) return early;
  const status = facts.wazoService;
  const { bash, python } = service.wazoService;
  // One status listing (the default group) cannot tell the wazo group from the default one.
  const evidence = [
    `catalog: bash lists group ${bash}, Python status lists group ${python} (one status listing cannot tell groups apart)`,
  ];
  if (!status.available) {
    evidence.push(`wazo-service: ${status.error ?? 'not available'}`);
    return decide(
      s,
      [`wazo-service: expected installed, found ${status.error ?? 'not available'}`],
      evidence,
      '',
    );
  }
  const entry = status.services.find((e) => e.name === service.name || `${e.name}.service` === service.unit);
  evidence.push(
    `wazo-service status (exit ${String(status.exitCode)}): ${status.services.map((e) => `${e.name}=${e.status}`).join(' ')}`,
  );
  const expected = python !== 'none';
  if (expected && !entry)
    return decide(
      s,
      [`wazo-service status: expected to list ${service.name}, found it absent`],
      evidence,
      '',
    );
  if (!expected && entry) {
    return decide(
      s,
      [
        `wazo-service status: expected not to list ${service.name} (the catalog puts it in no group), found ${entry.status}`,
      ],
      evidence,
      '',
    );
  }
  return decide(
    s,
    [],
    evidence,
    entry
      ? `wazo-service status lists it (${entry.status})`
      : 'wazo-service status does not list it, as the catalog says',
  );
}
