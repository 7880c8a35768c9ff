// How the service is packaged: NSC-20 (Debian package for this release) and NSC-21 (Debian dependencies).
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkDebianPackaging } from '../support/checks/nsc-20-packaging.ts';
import { checkDebianDependencies } from '../support/checks/nsc-21-dependencies.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the service {service} is packaged for the Debian release of the host',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkDebianPackaging(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the Python dependencies of the service {service} come from Debian packages',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkDebianDependencies(await this.run.facts(), service, this.run.config.host));
  },
);
