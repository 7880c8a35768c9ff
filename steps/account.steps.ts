// The service's system account: NSC-01 (not root), NSC-02 (no login), NSC-03 (home).
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkUnprivilegedUser } from '../support/checks/nsc-01-unprivileged-user.ts';
import { checkNoLoginShell } from '../support/checks/nsc-02-no-login.ts';
import { checkHomeDirectory } from '../support/checks/nsc-03-home.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the service {service} runs as an unprivileged user',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkUnprivilegedUser(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the user of the service {service} cannot log in to a shell',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkNoLoginShell(await this.run.facts(), service, this.run.config.host));
  },
);

Then(
  'the user of the service {service} has no home under "\\/home"',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkHomeDirectory(await this.run.facts(), service, this.run.config.host));
  },
);
