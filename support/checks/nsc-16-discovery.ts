// Runs NSC-16 for one daemon: applicability and Consul enablement first, then the registration lookup.
import { applicability } from '../catalog/lookup.ts';
import type { ServiceEntry } from '../catalog/types.ts';
import { checkConsulRegistration } from '../checks/consul.ts';
import type { CheckResult } from '../checks/result.ts';
import { FACT_STEP_TIMEOUT_MS } from '../checks/step-timeout.ts';
import type { RunnerConfig } from '../config.ts';
import type { HostFacts } from '../facts/types.ts';
import type { ConsulClient } from './client.ts';
import { consulEnablement, lookupRegistration } from './registration.ts';

/** The fact snapshot (consul.enabled auto), then a few lookups with a short retry. */
export const DISCOVERY_STEP_TIMEOUT_MS = FACT_STEP_TIMEOUT_MS + 60_000;

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
  const present = config.consul.enabled === 'auto' ? (await run.facts()).consulPresent : undefined;
  const enablement = consulEnablement(config.consul, present);
  if (!enablement.enabled) return checkConsulRegistration(service, enablement, undefined, config.host);
  const lookup = await lookupRegistration(() => run.consul(), service.consul.serviceName);
  return checkConsulRegistration(service, enablement, lookup, config.host);
}
