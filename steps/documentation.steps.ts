// The @online items: wazo-platform.org documents the service (NSC-13), its backup (NSC-15) and its ports (NSC-17).
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkOnline, ONLINE_TIMEOUT_MS } from '../support/checks/online.ts';
import type { WlaWorld } from '../support/world.ts';

// A HEAD and a GET, each bounded by ONLINE_TIMEOUT_MS.
const ONLINE_STEP_TIMEOUT_MS = 2 * ONLINE_TIMEOUT_MS + 1_000;

Then(
  'the service {service} is documented on wazo-platform.org',
  { timeout: ONLINE_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(await checkOnline('NSC-13', service, this.run.config.host));
  },
);

Then(
  'the configuration of the service {service} is listed in the backup documentation',
  { timeout: ONLINE_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(await checkOnline('NSC-15', service, this.run.config.host));
  },
);

Then(
  'the ports of the service {service} are listed in the network documentation',
  { timeout: ONLINE_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(await checkOnline('NSC-17', service, this.run.config.host));
  },
);
