// Takes the host state: one fact snapshot (one exec channel) plus, where Consul runs, its service names.
import type { ServiceEntry } from '../catalog/types.ts';
import type { RunnerConfig } from '../config/types.ts';
import { createConsulClient } from '../consul/client.ts';
import { consulEnablement } from '../consul/registration.ts';
import { gatherFacts } from '../facts/gather.ts';
import type { GatherPlan, HostFacts } from '../facts/types.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import type { ConsulView, HostState } from './host-state.ts';
import { hostStateFrom } from './host-state.ts';

export async function takeHostState(
  remote: RemoteHost,
  config: RunnerConfig,
  services: readonly ServiceEntry[],
  plan: GatherPlan,
): Promise<HostState> {
  const facts = await gatherFacts(remote, plan);
  return hostStateFrom(facts, services, config.host, await consulView(remote, config, facts));
}

/** Consul's registered names when it is enabled (or 'auto' and present); a failure is recorded, not thrown. */
export async function consulView(
  remote: RemoteHost,
  config: RunnerConfig,
  facts: HostFacts,
): Promise<ConsulView> {
  const enablement = consulEnablement(config.consul, facts);
  if (!enablement.enabled) {
    const reason =
      config.consul.enabled === false
        ? 'Consul is disabled in the configuration'
        : (enablement.unknown ?? 'Consul is not present on the host');
    return { checked: false, registrations: null, reason };
  }
  let client;
  try {
    client = await createConsulClient(config, remote);
    return { checked: true, registrations: (await client.serviceNames()).sort() };
  } catch (error) {
    return {
      checked: false,
      registrations: null,
      reason: `Consul could not be asked: ${(error as Error).message}`,
    };
  } finally {
    await client?.close().catch(() => undefined);
  }
}
