// Steps for NSC-16: the daemon is registered for service discovery (Consul), where Consul is enabled.
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { DISCOVERY_STEP_TIMEOUT_MS as timeout } from '../support/consul/discovery-result.ts';
import { serviceDiscoveryResult } from '../support/consul/discovery-result.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the service {service} is registered for service discovery',
  { timeout },
  async function (this: WlaWorld, s: ServiceEntry) {
    return this.verdict(await serviceDiscoveryResult(this.run, s));
  },
);
