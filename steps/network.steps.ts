// What the service exposes on the network: NSC-17 (ports) and NSC-19-NGINX (the nginx route to its port).
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkListeningPorts } from '../support/checks/nsc-17-ports.ts';
import { checkNginxRoute } from '../support/checks/nsc-19-nginx.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the service {service} listens on its documented ports only',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkListeningPorts(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'nginx routes the API of the service {service} to its port',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkNginxRoute(await this.run.facts(), service, this.run.config.host));
  },
);
