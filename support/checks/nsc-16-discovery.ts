// Runs NSC-16 for one daemon: applicability and Consul enablement first, then the registration lookup.
import { applicability } from '../catalog/lookup.ts';
import type { ServiceEntry } from '../catalog/types.ts';
import { checkConsulRegistration } from './consul.ts';
import type { CheckResult } from '../result.ts';
import type { RunnerConfig } from '../config/types.ts';
import type { HostFacts } from '../facts/types.ts';
import type { ConsulClient } from '../consul/client.ts';
import { consulEnablement, lookupRegistration } from '../consul/registration.ts';

/** What this needs from the run: RunContext satisfies it. */
export interface DiscoveryRun {
  readonly config: RunnerConfig;
  facts(): Promise<HostFacts>;
  consul(): Promise<ConsulClient>;
}

export async function serviceDiscoveryResult(run: DiscoveryRun, service: ServiceEntry): Promise<CheckResult> {
  const { config } = run;
  const off = { enabled: false, how: 'not asked' };
  if (!applicability(service, 'NSC-16').applies || service.consul === null) {
    return checkConsulRegistration(service, off, undefined, config.host);
  }
  // auto: the snapshot's signs of an agent (token file, a listener on consul.address's port), or why it cannot tell.
  const signs = config.consul.enabled === 'auto' ? await run.facts() : undefined;
  const enablement = consulEnablement(config.consul, signs);
  if (!enablement.enabled) return checkConsulRegistration(service, enablement, undefined, config.host);
  const lookup = await lookupRegistration(() => run.consul(), service.consul.serviceName);
  return checkConsulRegistration(service, enablement, lookup, config.host);
}
