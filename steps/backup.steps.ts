// The service's configuration in wazo-backup: NSC-14.
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkBackupCoverage } from '../support/checks/nsc-14-backup.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the configuration of the service {service} is copied by wazo-backup',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkBackupCoverage(await this.run.facts(), service, this.run.config.host));
  },
);
