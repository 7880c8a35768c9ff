// Files the service's user must reach: NSC-04 (log files), NSC-05 (PID file), NSC-06 (consul config).
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkLogFileWritable } from '../support/checks/nsc-04-log-file.ts';
import { checkPidFileWritable } from '../support/checks/nsc-05-pid-file.ts';
import { checkConsulGroup } from '../support/checks/nsc-06-consul-group.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the user of the service {service} can write its log files',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkLogFileWritable(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the user of the service {service} can write its PID file and its directory',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkPidFileWritable(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the user of the service {service} can read the default Consul configuration it needs',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkConsulGroup(await this.run.facts(), service, this.run.config.host));
  },
);
