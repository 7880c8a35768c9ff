// How the service is installed, started and supervised: NSC-07..NSC-12, including the lifecycle profiles and the
// destructive reboot and wazo-upgrade scenarios (which only run with --allow-destructive, one at a time).
import { Given, Then, When, setParallelCanAssign } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { checkWazoServiceListing } from '../support/checks/nsc-07-wazo-service.ts';
import { checkSupervision } from '../support/checks/nsc-08-supervision.ts';
import { checkInstalled } from '../support/checks/nsc-09-installed.ts';
import { checkNoLeftover } from '../support/checks/nsc-09-leftover.ts';
import { checkStartsOnBoot } from '../support/checks/nsc-10-boot.ts';
import { checkHaSlaveState } from '../support/checks/nsc-12-ha-slave.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import { readSecrets } from '../support/config/secrets.ts';
import { CheckFailed } from '../support/errors.ts';
import { expectedUpgradeVersion, runBaseline } from '../support/lifecycle/baseline.ts';
import { checkAfterReboot, checkAfterUpgrade } from '../support/lifecycle/compare.ts';
import { STEADY_WINDOW_MS } from '../support/lifecycle/restarts.ts';
import { foldResults, isBad } from '../support/lifecycle/every-service.ts';
import type { CheckResult } from '../support/checks/result.ts';
import { settle } from '../support/checks/verdict.ts';
import { checkSlaveStateAfterUpgrade } from '../support/lifecycle/ha-slave.ts';
import {
  REBOOT_TIMEOUT_MS,
  UPGRADE_TIMEOUT_MS,
  rebootAndWait,
  runWazoUpgrade,
} from '../support/lifecycle/host-actions.ts';
import { serializeDestructive } from '../support/lifecycle/parallel.ts';
import {
  WATCH_STEP_TIMEOUT_MS,
  freshFacts,
  selected,
  sessionOf,
  stateOf,
} from '../support/lifecycle/session.ts';
import { openRemoteHost } from '../support/ssh/connect.ts';
import type { WlaWorld } from '../support/world.ts';

setParallelCanAssign(serializeDestructive);

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
  'the service {service} has no leftover from an earlier install',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    return this.verdict(checkNoLeftover(await this.run.facts(), service, this.run.config.host));
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

Then(
  'the service {service} runs again after the reboot',
  { timeout: WATCH_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    const { config } = this.run;
    const { facts, ...observed } = await this.run.watched(STEADY_WINDOW_MS);
    return this.verdict(checkAfterReboot(facts, service, config.host, runBaseline(config), observed));
  },
);

Then(
  'the service {service} runs again after the upgrade, on its new version',
  { timeout: WATCH_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    const { config } = this.run;
    const expect = { version: expectedUpgradeVersion(process.env) };
    const { facts, ...observed } = await this.run.watched(STEADY_WINDOW_MS);
    const baseline = runBaseline(config);
    return this.verdict(checkAfterUpgrade(facts, service, config.host, baseline, expect, observed));
  },
);

Then(
  'the service {service} is in its HA slave state after the upgrade',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld, service: ServiceEntry) {
    const { config } = this.run;
    const facts = await this.run.facts();
    return this.verdict(checkSlaveStateAfterUpgrade(facts, service, config.host, runBaseline(config)));
  },
);

Given(
  'the state of the host is recorded',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    sessionOf(this).before = stateOf(
      await freshFacts(await this.run.remote(), catalog, config),
      catalog,
      config,
    );
  },
);

When('the host is rebooted', { timeout: REBOOT_TIMEOUT_MS + 30_000 }, async function (this: WlaWorld) {
  const { config } = this.run;
  const connect = () => openRemoteHost(config.host, config.ssh, readSecrets(config, process.env));
  await this.run.adoptRemote(await rebootAndWait(await this.run.remote(), { connect }));
});

When(
  'the host is upgraded with wazo-upgrade',
  { timeout: UPGRADE_TIMEOUT_MS + 30_000 },
  async function (this: WlaWorld) {
    sessionOf(this).upgrade = await runWazoUpgrade(await this.run.remote());
  },
);

Then(
  'every service runs again after the reboot',
  { timeout: WATCH_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const session = sessionOf(this);
    const { facts, ...observed } = await this.run.watchAfresh(STEADY_WINDOW_MS);
    const results = selected(catalog, config).map((s) =>
      checkAfterReboot(facts, s, config.host, session.before, observed),
    );
    settleAll(this, results, 'NSC-10 after the reboot');
  },
);

Then(
  'every service runs again after the upgrade, on its new version',
  { timeout: WATCH_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const session = sessionOf(this);
    const { facts, ...observed } = await this.run.watchAfresh(STEADY_WINDOW_MS);
    const expect = { version: expectedUpgradeVersion(process.env) };
    const check = (s: ServiceEntry) =>
      checkAfterUpgrade(facts, s, config.host, session.before, expect, observed);
    const what = `NSC-11 after wazo-upgrade (exit status ${session.upgrade?.code ?? '?'})`;
    settleAll(this, selected(catalog, config).map(check), what, session.upgrade?.tail);
  },
);

Then(
  'every service is in its HA slave state after the upgrade',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    const { catalog, config } = this.run;
    const facts = await this.run.refreshFacts();
    const before = sessionOf(this).before;
    const check = (s: ServiceEntry) => checkSlaveStateAfterUpgrade(facts, s, config.host, before);
    const results = selected(catalog, config).map(check);
    settleAll(this, results, 'NSC-12 on an HA slave after wazo-upgrade');
  },
);

/** One result per daemon: all of them when none failed, else only the failed ones (a passed row needs a passed scenario). */
function settleAll(
  world: WlaWorld,
  results: readonly CheckResult[],
  what: string,
  extra: readonly string[] = [],
): void {
  const settled = results.map((result) => settle(result, world.run.waivers, new Date()));
  const folded = foldResults(settled, what);
  world.attachEvidence('evidence: every service', [...extra, ...folded.evidence]);
  for (const result of settled) if (folded.ok || isBad(result)) world.attachResult(result);
  if (!folded.ok) throw new CheckFailed(folded.message, folded.evidence);
  world.log(folded.message);
}
