// How the service is installed, started and supervised: NSC-07, NSC-08, NSC-09, NSC-10, NSC-12.
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkWazoServiceListing } from '../support/checks/nsc-07-wazo-service.ts';
import { checkSupervision } from '../support/checks/nsc-08-supervision.ts';
import { checkInstalled } from '../support/checks/nsc-09-installed.ts';
import { checkStartsOnBoot } from '../support/checks/nsc-10-boot.ts';
import { checkHaSlaveState } from '../support/checks/nsc-12-ha-slave.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the service {service} is listed by wazo-service',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkWazoServiceListing(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the service {service} is supervised as the catalog says',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkSupervision(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the service {service} is correctly installed',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkInstalled(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the service {service} starts on boot',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkStartsOnBoot(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the service {service} is in its HA slave state',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkHaSlaveState(await this.run.facts(), service, this.run.config.host));
  },
);
