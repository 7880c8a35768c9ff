// NSC-16: a registering daemon is in Consul under its name with every check passing, where Consul is enabled.
import { applicability } from '../catalog/lookup.ts';
import type { ServiceEntry } from '../catalog/types.ts';
import type { ConsulServiceHealth } from '../consul/client.ts';
import { isPassing, type ConsulEnablement, type RegistrationLookup } from '../consul/registration.ts';
import { someOf } from '../http/evidence.ts';
import { decide, notApplicable, notChecked, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

function checksText(instance: ConsulServiceHealth): string {
  const pairs = Object.entries(instance.checks).map(([id, status]) => `${id}=${status}`);
  return pairs.length > 0 ? pairs.join(',') : 'none';
}

function instanceLine(instance: ConsulServiceHealth): string {
  const { serviceName, serviceId, address, port, tags } = instance;
  return `consul ${serviceName} id=${serviceId} address=${address}:${port} tags=${tags.join(',')} checks=${checksText(instance)}`;
}

export function checkConsulRegistration(
  service: ServiceEntry,
  enablement: ConsulEnablement,
  lookup: RegistrationLookup | undefined,
  host: string,
): CheckResult {
  const s = subject(service, host, 'NSC-16');
  const verdict = applicability(service, 'NSC-16');
  if (!verdict.applies) return notApplicable(s, verdict.reason);
  if (service.consul === null) return notApplicable(s, 'the catalog names no Consul service for it');
  if (enablement.unknown) return notChecked(s, enablement.unknown, [enablement.how]);
  if (!enablement.enabled) return notApplicable(s, 'Consul is not enabled on this host', [enablement.how]);
  const name = service.consul.serviceName;
  if (lookup === undefined) return notChecked(s, 'Consul was not asked', [enablement.how]);
  if ('error' in lookup) return notChecked(s, lookup.error.message, [enablement.how], lookup.error.code);
  const evidence = [enablement.how, `token: ${lookup.tokenSource}`, ...lookup.instances.map(instanceLine)];
  const expected = `Consul service ${name}: expected registered with every check passing`;
  if (lookup.instances.length === 0) {
    const others = lookup.registered.length > 0 ? someOf(lookup.registered, 10) : 'none';
    evidence.push(`consul services: ${lookup.registered.join(', ') || 'none'}`);
    return decide(s, [`${expected}, found not registered (registered: ${others})`], evidence, '');
  }
  const passing = lookup.instances.filter(isPassing);
  const unchecked = lookup.instances.filter((i) => Object.keys(i.checks).length === 0);
  const states = lookup.instances.map((i) => `${i.serviceId} ${checksText(i)}`).join('; ');
  const mismatches =
    passing.length > 0
      ? []
      : unchecked.length === lookup.instances.length
        ? [
            `${expected}, found registered without a health check (${unchecked.map((i) => i.serviceId).join(', ')})`,
          ]
        : [
            `${expected}, found ${lookup.instances.length} instance(s), none passing after ${lookup.attempts} tries: ${states}`,
          ];
  return decide(
    s,
    mismatches,
    evidence,
    `registered in Consul as ${name} with passing checks (${passing.length} instance(s))`,
  );
}
