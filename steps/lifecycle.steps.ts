// The destructive reboot and wazo-upgrade scenarios (only with --allow-destructive, one at a time): they change the
// host, so they are not plain checks. The per-daemon lifecycle checks are in the registry (checklist.steps.ts).
import { Given, Then, When, setParallelCanAssign } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import {
  FACT_STEP_TIMEOUT_MS,
  REBOOT_STEP_TIMEOUT_MS,
  UPGRADE_STEP_TIMEOUT_MS,
  WATCH_STEP_TIMEOUT_MS,
} from '../support/checklist/timeouts.ts';
import { expectedUpgradeVersion } from '../support/lifecycle/baseline.ts';
import { checkAfterReboot, checkAfterUpgrade } from '../support/lifecycle/compare.ts';
import { checkSlaveStateAfterUpgrade } from '../support/lifecycle/ha-slave.ts';
import { rebootAndWait, runWazoUpgrade } from '../support/lifecycle/host-actions.ts';
import { serializeDestructive } from '../support/lifecycle/parallel.ts';
import { STEADY_WINDOW_MS } from '../support/lifecycle/restarts.ts';
import { freshFacts, selected, sessionOf, stateOf } from '../support/lifecycle/session.ts';
import type { WlaWorld } from '../support/world.ts';

setParallelCanAssign(serializeDestructive);

Given(
  'the state of the host is recorded',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const facts = await freshFacts(await this.run.remote(), catalog, config);
    sessionOf(this).before = stateOf(facts, catalog, config);
  },
);

When('the host is rebooted', { timeout: REBOOT_STEP_TIMEOUT_MS }, async function (this: WlaWorld) {
  const connect = () => this.run.connect();
  await this.run.adoptRemote(await rebootAndWait(await this.run.remote(), { connect }));
});

When(
  'the host is upgraded with wazo-upgrade',
  { timeout: UPGRADE_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    sessionOf(this).upgrade = await runWazoUpgrade(await this.run.remote());
  },
);

Then(
  'every service runs again after the reboot',
  { timeout: WATCH_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const { before } = sessionOf(this);
    const { facts, ...observed } = await this.run.watchAfresh(STEADY_WINDOW_MS);
    const check = (s: ServiceEntry) => checkAfterReboot(facts, s, config.host, before, observed);
    this.verdictForEvery(selected(catalog, config).map(check), 'NSC-10 after the reboot');
  },
);

Then(
  'every service runs again after the upgrade, on its new version',
  { timeout: WATCH_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const { before, upgrade } = sessionOf(this);
    const { facts, ...observed } = await this.run.watchAfresh(STEADY_WINDOW_MS);
    const expect = { version: expectedUpgradeVersion(process.env) };
    const check = (s: ServiceEntry) => checkAfterUpgrade(facts, s, config.host, before, expect, observed);
    const what = `NSC-11 after wazo-upgrade (exit status ${upgrade?.code ?? '?'})`;
    this.verdictForEvery(selected(catalog, config).map(check), what, upgrade?.tail);
  },
);

Then(
  'every service is in its HA slave state after the upgrade',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const facts = await this.run.refreshFacts();
    const { before } = sessionOf(this);
    const check = (s: ServiceEntry) => checkSlaveStateAfterUpgrade(facts, s, config.host, before);
    this.verdictForEvery(selected(catalog, config).map(check), 'NSC-12 on an HA slave after wazo-upgrade');
  },
);
